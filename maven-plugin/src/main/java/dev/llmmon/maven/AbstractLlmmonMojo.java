package dev.llmmon.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/** What every llmmon goal shares: the skip flag and the base folder. Goals implement {@link #executeGoal()}. */
public abstract class AbstractLlmmonMojo extends AbstractMojo {

    /** Skip this goal. */
    @Parameter(property = "llmmon.skip", defaultValue = "false")
    private boolean skip;

    /** The folder that relative paths are resolved against (the project's, or the current one without a project). */
    @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
    private File basedir;

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

    protected abstract void executeGoal() throws MojoExecutionException, MojoFailureException;
}
