package dev.llmmon.probes;

import dev.llmmon.evals.EvalCaseException;
import dev.llmmon.evals.EvalCaseFile;
import dev.llmmon.evals.EvalCaseReader;
import dev.llmmon.probes.check.CheckRegistry;
import dev.llmmon.probes.spec.EvalCaseProbes;
import dev.llmmon.probes.spec.ProbeFile;
import dev.llmmon.probes.spec.ProbeFileException;
import dev.llmmon.probes.spec.ProbeFileReader;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a probe file lives: on the classpath (unique-id segment {@code resource}) or on disk ({@code file}). The
 * segment value is the resource name or the path relative to the working directory when inside it, so ids are
 * deterministic and resolve again in the same project.
 */
record ProbeOrigin(String segmentType, String name, URL resource, Path path) {
    static final String RESOURCE = "resource";
    static final String FILE = "file";

    static ProbeOrigin resource(String name, URL url) {
        return new ProbeOrigin(RESOURCE, name.startsWith("/") ? name.substring(1) : name, url, null);
    }

    static ProbeOrigin file(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        String name = (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString().replace('\\', '/');
        return new ProbeOrigin(FILE, name, null, abs);
    }

    /** A probe or eval-case file, not a schema or a cassette that happens to share an ending. */
    static boolean isProbeFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String base = n.substring(n.lastIndexOf('/') + 1);
        return ProbeFileReader.isProbeFile(base) && !base.endsWith(".schema.json") && !base.contains("cassette");
    }

    ProbeFile read(CheckRegistry checks) {
        if (EvalCaseReader.isEvalCaseFile(name)) {
            return readEvalCases(checks);
        }
        ProbeFileReader reader = new ProbeFileReader(checks);
        if (path != null) {
            return reader.read(path);
        }
        try (InputStream in = resource.openStream()) {
            return reader.read(in, name);
        } catch (IOException e) {
            throw new ProbeFileException(name, 0, "cannot read: " + e.getMessage());
        }
    }

    /** An eval-case file ({@code *.eval.yaml}, ...) read by core's reader and run as probes. */
    private ProbeFile readEvalCases(CheckRegistry checks) {
        EvalCaseFile file;
        try {
            if (path != null) {
                file = EvalCaseReader.read(path);
            } else {
                try (InputStream in = resource.openStream()) {
                    file = EvalCaseReader.read(in, name);
                }
            }
        } catch (EvalCaseException e) {
            throw new ProbeFileException(e.file(), e.line(), e.problems());
        } catch (IOException e) {
            throw new ProbeFileException(name, 0, "cannot read: " + e.getMessage());
        }
        return EvalCaseProbes.toProbeFile(file, checks);
    }

    TestSource source(int line) {
        FilePosition position = line > 0 ? FilePosition.from(line) : null;
        return path != null ? FileSource.from(path.toFile(), position) : ClasspathResourceSource.from(name, position);
    }

    String fileName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
