package dev.llmmon.series;

import dev.llmmon.detect.SeriesPoint;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A compact store of series, one small CSV file per (feature, model, metric) at
 * {@code <dir>/<feature>/<model>/<metric>.csv} with columns {@code window_start,window_end,value,n}; safe to commit or
 * to cache between CI runs. Values are written with {@link Double#toString} (the shortest text that reads back to
 * the same double) and an empty cell for "no value", so replaying the store gives exactly the alerts of a full
 * replay of the logs. Names are percent-encoded except {@code A-Z a-z 0-9 _ -}, so any id is a safe file name.
 */
public final class SeriesStore {
    private static final String[] HEADER = {"window_start", "window_end", "value", "n"};
    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator('\n').get();
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private final Path dir;

    public SeriesStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes every series of {@code set} (each file replaced atomically); other files are left alone. */
    public void save(SeriesSet set) throws IOException {
        for (Series s : set.all()) {
            Path file = fileOf(s.key());
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                     CSVPrinter csv = new CSVPrinter(out, WRITE)) {
                    for (SeriesPoint p : s.points()) {
                        csv.printRecord(p.windowStart(), p.windowStart().plus(s.window()),
                                Double.isNaN(p.value()) ? "" : Double.toString(p.value()), p.n());
                    }
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Every series in the store; an empty set when the directory does not exist. */
    public SeriesSet load() throws IOException {
        if (!Files.isDirectory(dir)) {
            return SeriesSet.of(List.of());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        List<Series> all = new ArrayList<>();
        for (Path file : files) {
            all.add(read(file));
        }
        return SeriesSet.of(all);
    }

    /** Loads the store, lets {@code fresh}'s windows replace or extend it, saves and returns the result. */
    public SeriesSet update(SeriesSet fresh) throws IOException {
        SeriesSet merged = load().mergedWith(fresh);
        save(merged);
        return merged;
    }

    Path fileOf(SeriesKey key) {
        return dir.resolve(encode(key.feature())).resolve(encode(key.model())).resolve(key.metric().id() + ".csv");
    }

    private Series read(Path file) throws IOException {
        Path relative = dir.relativize(file);
        if (relative.getNameCount() != 3) {
            throw new IOException(file + ": not at <feature>/<model>/<metric>.csv in the series store " + dir);
        }
        String metricName = relative.getName(2).toString().replaceFirst("\\.csv$", "");
        SeriesMetric metric = SeriesMetric.parse(metricName)
                .orElseThrow(() -> new IOException(file + ": unknown metric '" + metricName + "'"));
        SeriesKey key = new SeriesKey(decode(relative.getName(0).toString(), file),
                decode(relative.getName(1).toString(), file), metric);
        List<SeriesPoint> points = new ArrayList<>();
        Duration window = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord r : READ.parse(in)) {
                String where = file + " line " + (r.getRecordNumber() + 1);
                if (!r.isConsistent() || !r.isMapped("n")) {
                    throw new IOException(where + ": expected columns " + String.join(",", HEADER));
                }
                Instant start = instant(r.get("window_start"), where, "window_start");
                Instant end = instant(r.get("window_end"), where, "window_end");
                Duration length = Duration.between(start, end);
                if (window == null) {
                    window = length;
                } else if (!window.equals(length)) {
                    throw new IOException(where + ": field window_end: window length " + length + " differs from "
                            + window + " earlier in the file");
                }
                String v = r.get("value");
                double value;
                long n;
                try {
                    value = v.isEmpty() ? Double.NaN : Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new IOException(where + ": field value: '" + v + "' is not a number", e);
                }
                try {
                    n = Long.parseLong(r.get("n"));
                } catch (NumberFormatException e) {
                    throw new IOException(where + ": field n: '" + r.get("n") + "' is not a whole number", e);
                }
                try {
                    points.add(new SeriesPoint(start, value, n));
                } catch (IllegalArgumentException e) {
                    throw new IOException(where + ": " + e.getMessage(), e);
                }
            }
        } catch (UncheckedIOException e) {
            throw new IOException(file + ": " + e.getCause().getMessage(), e.getCause());
        }
        try {
            return new Series(key, window == null ? Duration.ofHours(1) : window, points);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(String text, String where, String field) throws IOException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IOException(where + ": field " + field + ": '" + text + "' is not an ISO-8601 instant", e);
        }
    }

    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static String decode(String encoded, Path file) throws IOException {
        byte[] bytes = new byte[encoded.length()];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IOException(file + ": bad escape in name '" + encoded + "'");
                }
                try {
                    bytes[n++] = (byte) Integer.parseInt(encoded.substring(i + 1, i + 3), 16);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": bad escape in name '" + encoded + "'", e);
                }
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
