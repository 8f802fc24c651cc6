package dev.llmmon.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmmon.ingest.internal.NativeJsonlReader;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.ingest.internal.SignalReader;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.record.SignalType;
import dev.llmmon.record.UserSignal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataGeneratorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path outDir;
    static DemoSummary summary;
    static List<RequestRecord> records;
    static List<UserSignal> signals;

    @BeforeAll
    static void generateOnce() throws IOException {
        outDir = shared.resolve("demo");
        summary = DemoDataGenerator.write(outDir, DemoOptions.defaults().withOtlp(true));
        records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(outDir.resolve(DemoDataGenerator.REQUESTS_FILE))) {
            new NativeJsonlReader(true).read(in, "requests.jsonl", (r, f, l) -> records.add(r), Rejections.strict());
        }
        signals = new ArrayList<>();
        try (InputStream in = Files.newInputStream(outDir.resolve(DemoDataGenerator.SIGNALS_FILE))) {
            new SignalReader().read(in, "signals.jsonl", signals::add, Rejections.strict());
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path tmp) throws IOException {
        DemoSummary again = DemoDataGenerator.write(tmp.resolve("again"), DemoOptions.defaults().withOtlp(true));
        assertThat(again.files()).hasSameSizeAs(summary.files()).hasSize(6);
        for (int i = 0; i < summary.files().size(); i++) {
            assertThat(sha256(again.files().get(i))).as(again.files().get(i).getFileName().toString())
                    .isEqualTo(sha256(summary.files().get(i)));
        }
        DemoSummary other = DemoDataGenerator.write(tmp.resolve("other"), DemoOptions.defaults().withSeed(43));
        assertThat(sha256(other.outDir().resolve(DemoDataGenerator.REQUESTS_FILE)))
                .isNotEqualTo(sha256(outDir.resolve(DemoDataGenerator.REQUESTS_FILE)));
    }

    @Test
    void everyNativeLineAndSignalParsesWithoutRejection() {
        // the strict readers in generateOnce would have thrown at the first rejection
        assertThat(records).hasSize((int) summary.requests());
        assertThat(signals).hasSize((int) summary.signals());
        assertThat(records).extracting(RequestRecord::requestId).doesNotHaveDuplicates();
        assertThat(records).extracting(RequestRecord::timestamp).isSorted();
    }

    @Test
    void countsAndMixLookRealistic() {
        assertThat(summary.requests()).isBetween(20_000L, 40_000L);
        assertThat(summary.signals()).isBetween(3_000L, 15_000L);
        assertThat(summary.changeEvents()).isEqualTo(7);
        assertThat(summary.incidents()).extracting(Incident::metric)
                .containsExactly("error_rate", "user_signals", "latency_p95", "input_tokens", "input_drift");

        assertThat(records.stream().map(RequestRecord::featureId).distinct())
                .containsExactlyInAnyOrder("support-chat", "summarize", "extract-invoice", "code-review");
        assertThat(records.stream().map(RequestRecord::modelId).distinct()).hasSize(4);
        double errors = share(records, RequestRecord::isError);
        assertThat(errors).isBetween(0.005, 0.05);
        assertThat(share(records, RequestRecord::isRefusal)).isBetween(0.002, 0.03);
        assertThat(share(records, r -> r.costUsd() == null)).isBetween(0.05, 0.35);
        assertThat(records).allSatisfy(r -> assertThat(r.metadata())
                .containsKeys("prompt_version", "query_category", "user_segment"));
        assertThat(records).filteredOn(r -> !r.isError()).allSatisfy(r -> {
            assertThat(r.userInput()).isNotBlank();
            assertThat(r.output()).isNotBlank();
        });
        assertThat(records.stream().map(RequestRecord::userInput).distinct().count()).isGreaterThan(3_000);
        // sessions with several requests exist
        Map<String, Long> perSession = records.stream().filter(r -> r.sessionId() != null)
                .collect(Collectors.groupingBy(RequestRecord::sessionId, Collectors.counting()));
        assertThat(perSession.values().stream().filter(n -> n >= 3).count()).isGreaterThan(500);
        // weekdays carry more traffic than the weekend (2026-11-21/22)
        long monday = records.stream().filter(r -> day(r.timestamp()) == 1).count();
        long sunday = records.stream().filter(r -> day(r.timestamp()) == 7).count();
        assertThat(monday).isGreaterThan(sunday * 3 / 2);
        // heavy tail: p99 well above the median
        double[] latencies = records.stream().filter(r -> !r.isError()).mapToDouble(RequestRecord::latencyMs).sorted().toArray();
        assertThat(latencies[(int) (latencies.length * 0.99)]).isGreaterThan(3 * latencies[latencies.length / 2]);
        for (SignalType type : SignalType.values()) {
            assertThat(signals).as(type.wireName()).anyMatch(s -> s.type() == type);
        }
    }

    @Test
    void orphanSignalsAreExactlyTheAnnouncedOnes() {
        Set<String> ids = records.stream().map(RequestRecord::requestId).collect(Collectors.toSet());
        assertThat(signals.stream().filter(s -> !ids.contains(s.requestId())).count())
                .isEqualTo(summary.orphanSignals()).isEqualTo(DemoDataGenerator.ORPHAN_SIGNALS);
    }

    @Test
    void firstTwoDaysAreACleanBaseline() {
        List<RequestRecord> baseline = records.stream().filter(r -> day(r.timestamp()) <= 2).toList();
        Map<String, List<RequestRecord>> bySlice = baseline.stream()
                .collect(Collectors.groupingBy(r -> r.featureId() + "/" + r.modelId()));
        bySlice.forEach((slice, rs) -> assertThat(share(rs, RequestRecord::isError)).as(slice).isLessThan(0.04));
        assertThat(baseline.stream().map(RequestRecord::systemFingerprint).distinct()).hasSize(3); // 2 OpenAI + null
        assertThat(baseline).noneMatch(r -> r.metadata().get("prompt_version").equals("v4"));
        assertThat(baseline).noneMatch(r -> r.metadata().get("query_category").equals("promotions"));
    }

    @Test
    void errorSpikeIsConfinedToItsWindowFeatureAndModel() {
        Incident spike = incident("error_rate");
        Predicate<RequestRecord> slice = r -> r.featureId().equals(spike.featureId()) && r.modelId().equals(spike.modelId());
        List<RequestRecord> inside = records.stream().filter(slice).filter(r -> spike.covers(r.timestamp())).toList();
        List<RequestRecord> outside = records.stream().filter(slice).filter(r -> !spike.covers(r.timestamp())).toList();
        assertThat(inside).hasSizeGreaterThan(50);
        assertThat(share(inside, RequestRecord::isError)).isGreaterThan(0.2)
                .isGreaterThan(10 * share(outside, RequestRecord::isError));
        assertThat(inside.stream().filter(RequestRecord::isError).map(RequestRecord::error))
                .allMatch(e -> e != null && !e.isBlank())
                .filteredOn(e -> e.startsWith("RateLimitError: 429")).hasSizeGreaterThan(inside.size() / 6);
        List<RequestRecord> otherFeaturesSameTime = records.stream()
                .filter(r -> !r.featureId().equals(spike.featureId()) && spike.covers(r.timestamp())).toList();
        assertThat(share(otherFeaturesSameTime, RequestRecord::isError)).isLessThan(0.05);
    }

    @Test
    void silentModelChangeRaisesLatencyP95WithANewFingerprintAndNoChangeEvent() throws IOException {
        Incident slow = incident("latency_p95");
        List<RequestRecord> model = records.stream()
                .filter(r -> r.modelId().equals(slow.modelId()) && !r.isError()).toList();
        double before = p95(model.stream().filter(r -> r.timestamp().isBefore(slow.start())).toList());
        double after = p95(model.stream().filter(r -> slow.covers(r.timestamp())).toList());
        assertThat(after).isGreaterThan(1.3 * before);
        assertThat(model).allSatisfy(r -> assertThat(r.systemFingerprint())
                .isEqualTo(slow.covers(r.timestamp()) ? Catalog.GPT_4O_NEW_FINGERPRINT : Catalog.GPT_4O.fingerprint()));
        String changes = Files.readString(outDir.resolve(DemoDataGenerator.CHANGES_FILE));
        assertThat(changes).doesNotContain("model_change").doesNotContain("2026-11-20T00:00");
        // other models keep their latency
        List<RequestRecord> mini = records.stream()
                .filter(r -> r.modelId().equals(Catalog.GPT_4O_MINI.id()) && !r.isError()
                        && r.featureId().equals("extract-invoice")).toList();
        double miniBefore = p95(mini.stream().filter(r -> r.timestamp().isBefore(slow.start())).toList());
        double miniAfter = p95(mini.stream().filter(r -> slow.covers(r.timestamp())).toList());
        assertThat(miniAfter).isBetween(0.75 * miniBefore, 1.25 * miniBefore);
    }

    @Test
    void promptChangeBloatsSummarizeTokensAndCost() throws IOException {
        Incident bloat = incident("input_tokens");
        List<RequestRecord> summarize = records.stream()
                .filter(r -> r.featureId().equals("summarize") && !r.isError()).toList();
        List<RequestRecord> before = summarize.stream().filter(r -> r.timestamp().isBefore(bloat.start())).toList();
        List<RequestRecord> after = summarize.stream().filter(r -> bloat.covers(r.timestamp())).toList();
        assertThat(mean(after, r -> r.inputTokens())).isGreaterThan(1.6 * mean(before, r -> r.inputTokens()));
        assertThat(mean(after.stream().filter(r -> r.costUsd() != null).toList(), RequestRecord::costUsd))
                .isGreaterThan(1.5 * mean(before.stream().filter(r -> r.costUsd() != null).toList(), RequestRecord::costUsd));
        assertThat(before).allMatch(r -> r.metadata().get("prompt_version").equals("v3"));
        assertThat(after).allMatch(r -> r.metadata().get("prompt_version").equals("v4"));
        assertThat(Files.readString(outDir.resolve(DemoDataGenerator.CHANGES_FILE)))
                .contains("\"kind\":\"prompt_change\",\"feature_id\":\"summarize\"");
    }

    @Test
    void qualityDropShowsInUserSignalsWithSurvivorshipPattern() {
        Incident drop = incident("user_signals");
        List<RequestRecord> chat = records.stream().filter(r -> r.featureId().equals(drop.featureId())
                && r.timestamp().isBefore(drop.start().plusSeconds(3 * 86_400))).toList();
        Rates in = rates(chat.stream().filter(r -> drop.covers(r.timestamp())).toList());
        Rates out = rates(chat.stream().filter(r -> !drop.covers(r.timestamp())).toList());
        assertThat(in.abandoned).isGreaterThan(3 * out.abandoned);
        assertThat(in.corrections).isGreaterThan(2 * out.corrections);
        assertThat(in.thumbsDown).isGreaterThan(1.5 * out.thumbsDown);
        assertThat(in.coverage).isLessThan(out.coverage);
        // survivorship: the few explicit ratings still look good while abandonment explodes
        assertThat(in.positive).isGreaterThan(0.6).isLessThan(out.positive);
        assertThat(in.abandoned).isGreaterThan(2 * (1 - in.positive) * in.coverage);
    }

    @Test
    void inputDriftAddsPromotionQuestions() {
        Incident drift = incident("input_drift");
        List<RequestRecord> after = records.stream()
                .filter(r -> r.featureId().equals("support-chat") && drift.covers(r.timestamp())).toList();
        assertThat(share(after, r -> r.metadata().get("query_category").equals("promotions"))).isBetween(0.2, 0.4);
        assertThat(records).filteredOn(r -> r.timestamp().isBefore(drift.start()))
                .noneMatch(r -> r.metadata().get("query_category").equals("promotions"));
    }

    @Test
    void otlpFileCarriesTheSameRequestsAsSpans() throws IOException {
        Map<String, RequestRecord> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.requestId(), r));
        Set<String> seen = new HashSet<>();
        long lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(outDir.resolve(DemoDataGenerator.OTLP_FILE))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                int inLine = 0;
                for (JsonNode rs : MAPPER.readTree(line).get("resourceSpans")) {
                    String feature = attrs(rs.get("resource").get("attributes")).get("app.feature_id").get("stringValue").asText();
                    for (JsonNode ss : rs.get("scopeSpans")) {
                        for (JsonNode span : ss.get("spans")) {
                            inLine++;
                            Map<String, JsonNode> a = attrs(span.get("attributes"));
                            String id = a.get("gen_ai.response.id").get("stringValue").asText();
                            assertThat(seen.add(id)).as("duplicate span %s", id).isTrue();
                            RequestRecord r = byId.get(id);
                            assertThat(r).as(id).isNotNull();
                            assertThat(feature).isEqualTo(r.featureId());
                            assertThat(a.get("gen_ai.request.model").get("stringValue").asText()).isEqualTo(r.modelId());
                            assertThat(a.get("gen_ai.usage.input_tokens").get("intValue").asText())
                                    .isEqualTo(Long.toString(r.inputTokens()));
                            assertThat(a.get("gen_ai.usage.output_tokens").get("intValue").asText())
                                    .isEqualTo(Long.toString(r.outputTokens()));
                            assertThat(a).containsKeys("gen_ai.operation.name", "gen_ai.provider.name",
                                    "app.prompt_version", "app.query_category", "app.user_segment");
                            long start = Long.parseLong(span.get("startTimeUnixNano").asText());
                            long end = Long.parseLong(span.get("endTimeUnixNano").asText());
                            assertThat(start).isEqualTo(r.timestamp().toEpochMilli() * 1_000_000L);
                            assertThat((end - start) / 1e6).isCloseTo(r.latencyMs(), org.assertj.core.data.Offset.offset(1e-6));
                            assertThat(span.get("status").path("code").asInt(0)).isEqualTo(r.isError() ? 2 : 0);
                            if (r.systemFingerprint() != null) {
                                assertThat(a.get("gen_ai.openai.response.system_fingerprint").get("stringValue").asText())
                                        .isEqualTo(r.systemFingerprint());
                            }
                            if (r.output() != null) {
                                JsonNode messages = MAPPER.readTree(a.get("gen_ai.output.messages").get("stringValue").asText());
                                assertThat(messages.get(0).get("parts").get(0).get("content").asText()).isEqualTo(r.output());
                            }
                            JsonNode input = MAPPER.readTree(a.get("gen_ai.input.messages").get("stringValue").asText());
                            assertThat(input.get(0).get("parts").get(0).get("content").asText()).isEqualTo(r.userInput());
                            assertThat(a).doesNotContainKey("cost_usd");
                        }
                    }
                }
                assertThat(inLine).isLessThanOrEqualTo(OtlpJsonWriter.DEFAULT_BATCH);
            }
        }
        assertThat(seen).hasSize(records.size());
        assertThat(summary.otlpSpans()).isEqualTo(records.size());
        assertThat(lines).isEqualTo(summary.otlpBatches()).isEqualTo((records.size() + 49) / 50);
    }

    @Test
    void commandLineWritesTheFilesAndRejectsBadArguments(@TempDir Path tmp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DemoDataGenerator.run(new String[] {tmp.toString(), "--days", "2", "--seed", "5",
                "--start", "2026-11-16T00:00:00Z"}, new PrintStream(out), new PrintStream(err));
        assertThat(code).isEqualTo(0);
        assertThat(tmp.resolve("requests.jsonl")).isNotEmptyFile();
        assertThat(tmp.resolve("signals.jsonl")).isNotEmptyFile();
        assertThat(tmp.resolve("requests.otlp.jsonl")).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote").doesNotContain("incident:");

        assertThat(DemoDataGenerator.run(new String[] {tmp.toString(), "--days", "x"},
                new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(DemoDataGenerator.run(new String[] {"--otlp"}, new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:").contains("missing output folder");
    }

    @Test
    void shorterRunsKeepOnlyTheIncidentsInsideTheirDays(@TempDir Path tmp) throws IOException {
        DemoSummary three = DemoDataGenerator.write(tmp, DemoOptions.defaults().withDays(3));
        assertThat(three.incidents()).extracting(Incident::metric).containsExactly("error_rate");
        assertThat(three.requests()).isBetween(8_000L, 18_000L);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record Rates(double abandoned, double corrections, double thumbsDown, double coverage, double positive) {
    }

    private static Rates rates(List<RequestRecord> rs) {
        Set<String> ids = rs.stream().map(RequestRecord::requestId).collect(Collectors.toSet());
        Map<SignalType, Long> counts = signals.stream().filter(s -> ids.contains(s.requestId()))
                .collect(Collectors.groupingBy(UserSignal::type, Collectors.counting()));
        double n = rs.size();
        long up = counts.getOrDefault(SignalType.THUMBS_UP, 0L);
        long down = counts.getOrDefault(SignalType.THUMBS_DOWN, 0L);
        return new Rates(counts.getOrDefault(SignalType.ABANDONED, 0L) / n,
                counts.getOrDefault(SignalType.CORRECTION, 0L) / n, down / n, (up + down) / n,
                up / (double) (up + down));
    }

    private static Incident incident(String metric) {
        return summary.incidents().stream().filter(i -> i.metric().equals(metric)).findFirst().orElseThrow();
    }

    /** 1-based day of the default seven-day export. */
    private static long day(Instant t) {
        return (t.getEpochSecond() - DemoOptions.DEFAULT_START.getEpochSecond()) / 86_400 + 1;
    }

    private static double share(List<RequestRecord> rs, Predicate<RequestRecord> p) {
        return rs.isEmpty() ? 0 : rs.stream().filter(p).count() / (double) rs.size();
    }

    private static double mean(List<RequestRecord> rs, java.util.function.ToDoubleFunction<RequestRecord> f) {
        return rs.stream().mapToDouble(f).average().orElseThrow();
    }

    private static double p95(List<RequestRecord> rs) {
        double[] v = rs.stream().mapToDouble(RequestRecord::latencyMs).sorted().toArray();
        return v[(int) Math.floor(0.95 * (v.length - 1))];
    }

    private static Map<String, JsonNode> attrs(JsonNode list) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode kv : list) {
            out.put(kv.get("key").asText(), kv.get("value"));
        }
        return out;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
