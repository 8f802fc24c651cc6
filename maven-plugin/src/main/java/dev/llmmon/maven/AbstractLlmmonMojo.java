package dev.llmmon.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.io.File;

/** What every llmmon goal shares: the skip flag and the base folder. Goals implement {@link #executeGoal()}. */
public abstract class AbstractLlmmonMojo extends AbstractMojo {

    /** Skip this goal. */
    @Parameter(property = "llmmon.skip", defaultValue = "false")
    private boolean skip;

    /** The folder that relative paths are resolved against (the project's, or the current one without a project). */
    @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
    private File basedir;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Component
    private SettingsDecrypter decrypter;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("llmmon: skipped (llmmon.skip=true)");
            return;
        }
        executeGoal();
    }

    protected File basedir() {
        return basedir;
    }

    /**
     * The (decrypted) password of a {@code settings.xml} server: where an API key lives when it should not be in an
     * environment variable. Never logged.
     */
    protected String settingsPassword(String serverId) throws MojoExecutionException {
        Server server = settings == null ? null : settings.getServer(serverId.strip());
        if (server == null) {
            throw new MojoExecutionException("llmmon: no <server> with id '" + serverId + "' in settings.xml");
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : decrypted.getProblems()) {
            getLog().warn("llmmon: settings.xml: " + problem.getMessage());
        }
        String password = decrypted.getServer().getPassword();
        if (password == null || password.isBlank()) {
            throw new MojoExecutionException("llmmon: <server> '" + serverId
                    + "' in settings.xml has no password (the API key)");
        }
        return password;
    }

    protected abstract void executeGoal() throws MojoExecutionException, MojoFailureException;
}
