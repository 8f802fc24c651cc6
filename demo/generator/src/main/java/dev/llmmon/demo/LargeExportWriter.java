package dev.llmmon.demo;

import dev.llmmon.demo.Catalog.Category;
import dev.llmmon.demo.Catalog.Feature;
import dev.llmmon.demo.Catalog.Model;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Writes many request records quickly, for reader and aggregation benchmarks: native lines of about 900 to 1000
 * bytes (an OTLP span of the same record is about 2.5 times larger), evenly spread over 30 days, no signals and
 * no incidents. Texts come from a fixed pool built from the demo templates, so a record costs a few random draws
 * and one write. Seeded: the same arguments give the same bytes.
 *
 * <pre>java dev.llmmon.demo.LargeExportWriter big.jsonl 5000000 [--format native|otlp] [--seed 7]</pre>
 */
public final class LargeExportWriter {
    public enum Format { NATIVE, OTLP }

    /** What was written: {@code bytes} is the size of the file. */
    public record Result(Path file, Format format, long records, long bytes) {
    }

    static final Instant START = DemoOptions.DEFAULT_START;
    static final long SPAN_MILLIS = 30L * 24 * 3600 * 1000;
    private static final int TEXT_POOL = 4096;

    private LargeExportWriter() {
    }

    public static Result write(Path file, long count, Format format, long seed) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Pooled[] pool = textPool(rng);
        long sessions = Math.max(1, count / 3);
        int idWidth = Math.max(9, Long.toString(count).length());
        long startMillis = START.toEpochMilli();
        String[] segments = {"free", "free", "free", "pro", "pro", "enterprise"};

        NativeJsonlWriter nativeOut = format == Format.NATIVE ? new NativeJsonlWriter(file) : null;
        OtlpJsonWriter otlpOut = format == Format.OTLP ? new OtlpJsonWriter(file, seed ^ 0x5EED) : null;
        try {
            for (long i = 0; i < count; i++) {
                Pooled text = pool[rng.nextInt(pool.length)];
                Feature f = text.feature;
                Model m = f.pickModel(rng);
                long millis = startMillis + (long) ((i + rng.nextDouble()) * SPAN_MILLIS / count);
                long in;
                long out;
                double latency;
                FinishReason finish;
                String error = null;
                String output = text.output;
                double u = rng.nextDouble();
                if (u < 0.015) {
                    finish = FinishReason.ERROR;
                    error = "RateLimitError: 429 Too Many Requests";
                    in = 0;
                    out = 0;
                    output = null;
                    latency = Math.round(Distributions.logNormal(rng, 120, 0.4) * 10) / 10.0;
                } else {
                    finish = u < 0.02 ? FinishReason.REFUSAL : u < 0.05 ? FinishReason.TOOL_USE : FinishReason.END_TURN;
                    in = Math.max(20, Math.round(Distributions.logNormal(rng, f.inputMedian(), f.inputSigma())));
                    out = Math.max(5, Math.round(Distributions.logNormal(rng, f.outputMedian(), f.outputSigma())));
                    latency = Distributions.latencyMs(rng, m, in, out, 1, 1, 0.015);
                }
                boolean eu = rng.nextDouble() < 0.18;
                Map<String, String> metadata = Map.of(
                        "prompt_version", f.promptVersion(),
                        "query_category", text.category,
                        "user_segment", segments[rng.nextInt(segments.length)],
                        "deployment", eu ? "eu-west" : "us-east");
                RequestRecord r = new RequestRecord(
                        DemoDataGenerator.id("r-", i + 1, idWidth), Instant.ofEpochMilli(millis), f.id(), m.id(),
                        latency, in, out, eu ? null : m.cost(in, out), finish, error,
                        f.hasSessions() ? DemoDataGenerator.id("s-", 1 + rng.nextLong(sessions), idWidth) : null,
                        text.input, output, error == null ? m.fingerprint() : null, metadata);
                if (nativeOut != null) {
                    nativeOut.write(r);
                } else {
                    otlpOut.write(r);
                }
            }
        } finally {
            if (nativeOut != null) {
                nativeOut.close();
            }
            if (otlpOut != null) {
                otlpOut.close();
            }
        }
        return new Result(file, format, count, Files.size(file));
    }

    private record Pooled(Feature feature, String category, String input, String output) {
    }

    /**
     * Question/answer pairs from the demo templates, padded with document sentences (or cut) so that question
     * plus answer is 380 to 560 characters: that puts a native line at about 900 to 1000 bytes.
     */
    private static Pooled[] textPool(SplittableRandom rng) {
        Pooled[] pool = new Pooled[TEXT_POOL];
        double[] featureWeights = {0.45, 0.25, 0.18, 0.12};
        for (int i = 0; i < pool.length; i++) {
            Feature f = Catalog.FEATURES.get(Catalog.pick(rng, featureWeights));
            Category c = f.categories().get(rng.nextInt(f.categories().size()));
            if (c.weight() == 0) { // promotions: only used by the demo's drift incident
                c = f.categories().get(0);
            }
            Texts texts = new Texts(rng);
            int index = rng.nextInt(c.inputs().size());
            String input = texts.fill(c.inputs().get(index));
            String output = texts.fill(c.outputs().get(index % c.outputs().size()));
            int target = 380 + rng.nextInt(181);
            StringBuilder padded = new StringBuilder(input);
            if (padded.length() + output.length() < target) {
                padded.append("\n\nContext:");
                while (padded.length() + output.length() < target) {
                    padded.append(' ').append(new Texts(rng).fill(Catalog.oneOf(rng, Catalog.DOC_SENTENCES)));
                }
            }
            int keep = Math.max(40, target - output.length());
            String in = padded.length() > keep ? padded.substring(0, keep) : padded.toString();
            pool[i] = new Pooled(f, c.name(), in, output);
        }
        return pool;
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    private static final String USAGE =
            "usage: LargeExportWriter <output-file> <count> [--format native|otlp] [--seed S]";

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        Long count = null;
        Format format = Format.NATIVE;
        long seed = 7;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--format" -> format = Format.valueOf(value(args, ++i, a).toUpperCase(Locale.ROOT));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unexpected argument '" + a + "'");
                        } else if (file == null) {
                            file = Path.of(a);
                        } else if (count == null) {
                            count = Long.parseLong(a.replace("_", ""));
                        } else {
                            throw new IllegalArgumentException("unexpected argument '" + a + "'");
                        }
                    }
                }
            }
            if (file == null || count == null) {
                throw new IllegalArgumentException("missing output file or record count");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) { // NumberFormatException included
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            long t0 = System.nanoTime();
            Result result = write(file, count, format, seed);
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "wrote %d %s records, %d bytes (%.0f bytes/record) to %s in %.1f s%n",
                    result.records(), format.name().toLowerCase(Locale.ROOT), result.bytes(),
                    result.records() == 0 ? 0.0 : (double) result.bytes() / result.records(), file, seconds);
            return 0;
        } catch (IOException e) {
            err.println("cannot write " + file + ": " + e);
            return 1;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
