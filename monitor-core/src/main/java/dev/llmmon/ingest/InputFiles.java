package dev.llmmon.ingest;

import com.github.luben.zstd.ZstdInputStream;
import dev.llmmon.ingest.internal.DamagedInputException;
import dev.llmmon.ingest.internal.JsonDocuments;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Expands files, folders and globs into an ordered list of input files, and opens them decompressed. */
public final class InputFiles {
    private static final Pattern ROTATION_SUFFIX = Pattern.compile("^(.*?)\\.(\\d+)((?:\\.gz|\\.zst)?)$");

    private InputFiles() {
    }

    /**
     * Expands each spec: a file is taken as is, a folder gives its regular files (not hidden, recursively), a spec
     * with {@code * ? [ {} is a glob relative to {@code base}. A folder's files are ordered oldest first: numbered
     * rotations ({@code app.log.2.gz} before {@code app.log.1} before {@code app.log}), otherwise by name, which is
     * time order for date-stamped names.
     *
     * @throws IllegalArgumentException naming the spec when it matches nothing
     */
    public static List<Path> expand(Path base, List<String> specs) {
        Set<Path> files = new LinkedHashSet<>();
        for (String raw : specs) {
            String spec = raw.trim();
            if (spec.isEmpty()) {
                continue;
            }
            List<Path> matched = expandOne(base, spec);
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("No input files match '" + spec + "' (relative to " + base + ")");
            }
            files.addAll(matched);
        }
        return List.copyOf(files);
    }

    private static List<Path> expandOne(Path base, String spec) {
        if (spec.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
            return glob(base, spec);
        }
        Path path = base.resolve(spec).normalize();
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                List<Path> found = new ArrayList<>(walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .toList());
                found.sort(TIME_ORDER);
                return found;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Files.isRegularFile(path) ? List.of(path) : List.of();
    }

    private static List<Path> glob(Path base, String spec) {
        // the fixed prefix of the glob is the folder to walk
        String normalized = spec.replace('\\', '/');
        int firstMeta = 0;
        while (firstMeta < normalized.length() && "*?[{".indexOf(normalized.charAt(firstMeta)) < 0) {
            firstMeta++;
        }
        int slash = normalized.lastIndexOf('/', firstMeta);
        Path root = base.resolve(slash < 0 ? "." : normalized.substring(0, slash + 1)).normalize();
        String pattern = slash < 0 ? normalized : normalized.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> found = new ArrayList<>(walk.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(root.relativize(p)))
                    .toList());
            found.sort(TIME_ORDER);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Oldest first: by folder, then rotation base name, then rotation number descending (no number is newest). */
    static final Comparator<Path> TIME_ORDER = Comparator
            .comparing((Path p) -> String.valueOf(p.getParent()))
            .thenComparing(p -> rotationBase(p.getFileName().toString()))
            .thenComparing(p -> -rotationNumber(p.getFileName().toString()))
            .thenComparing(p -> p.getFileName().toString()); // ties (app.log vs app.log.gz): stable by name

    private static String rotationBase(String name) {
        Matcher m = ROTATION_SUFFIX.matcher(name);
        // app.log.2.gz, app.log.1 and app.log are one series: the compression suffix is not part of the base
        if (m.matches()) {
            return m.group(1);
        }
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3)
                : name.endsWith(".zst") ? name.substring(0, name.length() - 4) : name;
    }

    private static long rotationNumber(String name) {
        Matcher m = ROTATION_SUFFIX.matcher(name);
        if (!m.matches() || m.group(2).length() > 9) {
            return -1;
        }
        return Long.parseLong(m.group(2));
    }

    /**
     * Opens a file, decompressing gzip (also multi-member) or zstd by its magic bytes, whatever its extension. A file
     * that is one JSON document (an array, an API envelope, one pretty-printed OTLP request) reads as JSON lines,
     * streaming ({@link JsonDocuments}).
     */
    public static InputStream open(Path file) throws IOException {
        return JsonDocuments.asLines(decompressed(file));
    }

    private static InputStream decompressed(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(4);
        byte[] magic = raw.readNBytes(4);
        raw.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new LazyGzip(raw);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return new BufferedInputStream(new ZstdInputStream(raw), 1 << 16);
        }
        return raw;
    }

    /**
     * A gzip stream that reads its header on the first read, not when opened: a file cut inside the header or with
     * gzip magic bytes before something else then fails where readers count failures (a rejection naming the
     * file), not where files are opened (which stopped the whole run).
     */
    private static final class LazyGzip extends InputStream {
        private final InputStream raw;
        private InputStream gzip;

        LazyGzip(InputStream raw) {
            this.raw = raw;
        }

        private InputStream gzip() throws IOException {
            if (gzip == null) {
                try {
                    gzip = new GZIPInputStream(raw, 1 << 16);
                } catch (EOFException e) {
                    throw new DamagedInputException(RejectReason.TRUNCATED_INPUT,
                            "the file ends inside its gzip header (cut short)", e);
                } catch (ZipException e) {
                    throw new DamagedInputException(RejectReason.UNREADABLE_FILE,
                            "gzip magic bytes, but no gzip data after them (" + e.getMessage() + ")", e);
                }
            }
            return gzip;
        }

        @Override
        public int read() throws IOException {
            return gzip().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return gzip().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (gzip != null) {
                gzip.close();
            }
            raw.close();
        }
    }
}
