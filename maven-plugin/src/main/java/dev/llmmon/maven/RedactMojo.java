package dev.llmmon.maven;

import dev.llmmon.redact.JsonlRedaction;
import dev.llmmon.redact.Redactor;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a JSONL file with the named string fields redacted (every string when none is named), so an export can
 * be attached to a ticket: e-mail, phones, cards, IBANs, IPs, API keys, JWTs, SSNs and your own patterns become
 * typed placeholders. Line order is kept, one output line per input line; a line that is not a JSON object is written
 * as an empty line and reported by number. The summary counts replacements per kind; values are never printed.
 */
@Mojo(name = "redact", requiresProject = false, threadSafe = true)
public class RedactMojo extends AbstractLlmmonMojo {

    /** The JSONL file to scrub. */
    @Parameter(property = "llmmon.input", required = true)
    private File input;

    /** Where the redacted copy goes (must differ from the input). */
    @Parameter(property = "llmmon.output", required = true)
    private File output;

    /** Comma-separated field names whose values are redacted, at any depth; empty: every string of each record. */
    @Parameter(property = "llmmon.redact.fields")
    private String fields;

    /** Your own patterns, name to Java regex: each match becomes {@code <NAME_n>} (only its group {@code value}, if any). */
    @Parameter
    private Map<String, String> patterns;

    @Override
    protected void executeGoal() throws MojoExecutionException {
        File in = resolve(input);
        File out = resolve(output);
        Set<String> names = new LinkedHashSet<>();
        if (fields != null && !fields.isBlank()) {
            Arrays.stream(fields.split(",")).map(String::strip).forEach(names::add);
        }
        JsonlRedaction.Summary summary;
        try {
            summary = JsonlRedaction.of(redactor(), names).run(in.toPath(), out.toPath());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("llmmon: cannot redact " + in + " to " + out + ": " + e.getMessage(), e);
        }
        getLog().info(String.format("llmmon: redacted %s -> %s: %d line(s), %d rewritten, %d replacement(s)%s",
                in.getName(), out, summary.lines(), summary.changed(), summary.replacements(),
                summary.counts().isEmpty() ? "" : " " + summary.counts()));
        getLog().info("llmmon: fields redacted: " + (names.isEmpty() ? "every string value" : String.join(", ", names)));
        if (summary.dropped() > 0) {
            getLog().warn("llmmon: " + summary.dropped() + " line(s) were not a JSON object and were written as empty"
                    + " lines (never copied unredacted):");
            summary.problems().forEach(p -> getLog().warn("llmmon:   " + p));
            if (summary.dropped() > summary.problems().size()) {
                getLog().warn("llmmon:   ... and " + (summary.dropped() - summary.problems().size()) + " more");
            }
        }
    }

    private Redactor redactor() throws MojoExecutionException {
        try {
            return RedactionPatterns.redactor(patterns);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
    }

    private File resolve(File f) {
        return f.isAbsolute() ? f : new File(basedir(), f.getPath());
    }
}
