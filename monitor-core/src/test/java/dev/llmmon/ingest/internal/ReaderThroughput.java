package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.LogReader;
import dev.llmmon.ingest.Rejections;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throughput harness (not a test): reads an in-memory OTLP/JSON and native JSONL corpus with 1 and 2 threads and
 * prints MB/s. Run after {@code mvn -pl monitor-core test-compile}:
 * <pre>java -cp monitor-core/target/classes:monitor-core/target/test-classes:$(cat cp.txt) dev.llmmon.ingest.ReaderThroughput</pre>
 */
public final class ReaderThroughput {
    public static void main(String[] args) throws Exception {
        boolean text = args.length > 0 && args[0].equals("text");
        StringBuilder otlp = new StringBuilder();
        StringBuilder nat = new StringBuilder();
        String batch = Otlp.line(OtlpJsonReaderTest.RESOURCE, OtlpJsonReaderTest.NEW_GENERATION, OtlpJsonReaderTest.OLD_GENERATION
                .replace("gen_ai.request.model", "gen_ai.response.id\",\"value\":{\"stringValue\":\"x\"}},{\"key\":\"gen_ai.request.model"),
                OtlpJsonReaderTest.HTTP_SPAN, OtlpJsonReaderTest.NEW_GENERATION.replace("chatcmpl-42", "chatcmpl-43"));
        while (otlp.length() < 100_000_000) {
            otlp.append(batch).append('\n');
        }
        while (nat.length() < 100_000_000) {
            nat.append(NativeJsonlReaderTest.GOOD).append('\n');
        }
        byte[] otlpBytes = otlp.toString().getBytes(StandardCharsets.UTF_8);
        byte[] nativeBytes = nat.toString().getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 3; round++) {
            run("otlp  ", new OtlpJsonReader(text), otlpBytes, 1);
            run("otlp  ", new OtlpJsonReader(text), otlpBytes, 2);
            run("native", new NativeJsonlReader(text), nativeBytes, 1);
            run("native", new NativeJsonlReader(text), nativeBytes, 2);
        }
    }

    private static void run(String name, LogReader reader, byte[] data, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        LongAdder records = new LongAdder();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) { // each thread reads its own copy, as with one file per thread
            futures.add(pool.submit(() -> {
                Rejections rejections = Rejections.lenient();
                reader.read(new ByteArrayInputStream(data), "bench", (r, f, l) -> records.increment(), rejections);
                if (rejections.total() > 0) {
                    throw new IllegalStateException(rejections.examples().toString());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("%s threads=%d  %7.1f MB/s  %,d records%n", name, threads,
                data.length * (double) threads / 1e6 / seconds, records.sum());
    }
}
