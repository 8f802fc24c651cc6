package dev.llmmon.spark;

import dev.llmmon.ingest.InputFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Input files wherever Spark reads them. Local specs (no scheme, or {@code file:}) are expanded by core's
 * {@link InputFiles} (same order, rotations oldest first, as {@code llmmon:monitor}); specs with another scheme
 * ({@code s3a://}, {@code hdfs://}, {@code abfs://}, ...) through the Hadoop {@code FileSystem}: a glob, a folder
 * (recursively, hidden files left out) or a file, each spec's files in path order.
 */
final class Inputs {
    private Inputs() {
    }

    static boolean isLocal(String spec) {
        int colon = spec.indexOf(':');
        int slash = spec.indexOf('/');
        if (colon < 0 || (slash >= 0 && slash < colon) || colon == 1) { // no scheme, or a Windows drive letter
            return true;
        }
        return spec.startsWith("file:");
    }

    private static String localPart(String spec) {
        return spec.startsWith("file:") ? URI.create(spec).getPath() : spec;
    }

    /** The files of the specs, in order, each once; throws naming a spec that matches nothing. */
    static List<String> list(Path baseDir, List<String> specs, Configuration conf) {
        Set<String> files = new LinkedHashSet<>();
        for (String raw : specs) {
            String spec = raw.trim();
            if (spec.isEmpty()) {
                continue;
            }
            if (isLocal(spec)) {
                InputFiles.expand(baseDir, List.of(localPart(spec))).forEach(p -> files.add(p.toString()));
            } else {
                files.addAll(listRemote(spec, conf));
            }
        }
        return List.copyOf(files);
    }

    private static List<String> listRemote(String spec, Configuration conf) {
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(spec);
            FileSystem fs = path.getFileSystem(conf);
            List<String> out = new ArrayList<>();
            FileStatus[] matched = fs.globStatus(path);
            if (matched != null) {
                for (FileStatus status : matched) {
                    if (status.isDirectory()) {
                        RemoteIterator<LocatedFileStatus> it = fs.listFiles(status.getPath(), true);
                        while (it.hasNext()) {
                            LocatedFileStatus f = it.next();
                            if (f.isFile() && !f.getPath().getName().startsWith(".")
                                    && !f.getPath().getName().startsWith("_")) {
                                out.add(f.getPath().toString());
                            }
                        }
                    } else if (!status.getPath().getName().startsWith(".")) {
                        out.add(status.getPath().toString());
                    }
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("No input files match '" + spec + "'");
            }
            out.sort(String::compareTo);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + spec + ": " + e.getMessage(), e);
        }
    }

    /**
     * A local path with the file's content: the file itself when it is local, otherwise a temporary copy (which
     * the caller deletes), so that core's readers (gzip and zstd by magic bytes, whole JSON documents) read it
     * exactly as they read a local file.
     */
    static Path localize(String file, Map<String, String> hadoopConf) throws IOException {
        if (isLocal(file)) {
            return Path.of(localPart(file));
        }
        Configuration conf = new Configuration();
        hadoopConf.forEach(conf::set);
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        Path copy = Files.createTempFile("llmmon-", "-" + path.getName());
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return copy;
    }

    /** The Hadoop settings of the session (credentials and endpoints for s3a, ...) for the executors. */
    static Map<String, String> settings(Configuration conf) {
        Map<String, String> out = new java.util.HashMap<>();
        conf.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
