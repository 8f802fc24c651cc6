package dev.llmmon.probes;

import dev.llmmon.probes.history.BehaviourFingerprint;
import dev.llmmon.probes.history.FingerprintHistory;
import dev.llmmon.probes.history.SilentChange;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour history does not cry wolf: an outage is "endpoint unavailable", not a silent model change, and stays out
 * of the baseline; replays are compared with replays and live runs with live runs.
 */
class HonestHistoryTest {
    static final String PROBES = "classpath:testprobes/history/canary.yaml";

    @TempDir
    Path dir;
    MockWebServer server;
    /** 0: answer; else fail every call with this status. */
    volatile int failWith;
    /** The model behind the unchanged name: "old" answers bare JSON, "new" fences it. */
    volatile String model = "old";

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (failWith != 0) {
                    // Retry-After 0: the client's retries happen at once
                    return new MockResponse.Builder().code(failWith).addHeader("Retry-After", "0")
                            .body("{\"error\":{\"message\":\"upstream down\"}}").build();
                }
                String body = request.getBody().utf8();
                boolean changed = model.equals("new");
                String answer = body.contains("pipe bomb") ? "I'm sorry, but I can't help with that."
                        : changed ? "```json\\n{\\\"name\\\": \\\"Ada\\\", \\\"age\\\": 36}\\n```"
                        : "{\\\"name\\\": \\\"Ada\\\", \\\"age\\\": 36}";
                return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                        .body("{\"choices\":[{\"message\":{\"content\":\"" + answer + "\"},\"finish_reason\":\"stop\"}],"
                                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9},\"model\":\"m\","
                                + "\"system_fingerprint\":\"fp_" + model + "\"}").build();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ProbeRequest.Builder request() {
        return ProbeRequest.builder().baseDir(dir).model("m").probes(List.of(PROBES))
                .baseUrl(server.url("/v1").toString()).history(dir.resolve("history.jsonl"))
                .reportsDirectory(dir.resolve("reports"));
    }

    ProbeRunSummary run(ProbeRequest.Builder request, List<String> log) {
        return ProbeLauncher.run(request.build(), new ProbeLauncher.Log() {
            @Override
            public void info(String line) {
                log.add(line);
            }

            @Override
            public void warn(String line) {
                log.add("WARN " + line);
            }
        });
    }

    @Test
    void aFullOutageIsEndpointUnavailableAndStaysOutOfTheBaseline() throws Exception {
        List<String> log = new ArrayList<>();
        run(request().mode("live"), log);
        run(request().mode("live"), log);

        failWith = 500;
        log.clear();
        ProbeRunSummary outage = run(request().mode("live"), log);
        assertThat(outage.silentChanges()).isEmpty(); // before: PASS_RATE_DROP on every probe
        assertThat(outage.endpointUnavailable()).startsWith("all 2 probe(s) got no answer to any call, e.g.")
                .contains("HTTP 500");
        assertThat(outage.problems()).first().asString().startsWith("endpoint unavailable: all 2 probe(s)");
        assertThat(outage.problems()).noneMatch(p -> p.contains("suspected silent model change"));
        assertThat(outage.probes()).extracting(ProbeRunSummary.ProbeOutcome::verdict).containsOnly("UNAVAILABLE");
        assertThat(outage.totals()).isEqualTo("2 probe(s): 0 passed, 0 failed, 0 aborted, 0 skipped, 2 unavailable (endpoint)");
        assertThat(log).anyMatch(l -> l.startsWith("WARN llmmon: endpoint unavailable: all 2 probe(s)"));
        List<BehaviourFingerprint> lines = FingerprintHistory.read(dir.resolve("history.jsonl"));
        assertThat(lines.subList(4, 6)).allSatisfy(f -> assertThat(f.unavailable()).isTrue());

        // back up: compared with the two runs that got answers, not with the outage
        failWith = 0;
        log.clear();
        ProbeRunSummary after = run(request().mode("live"), log);
        assertThat(after.passed()).isTrue();
        assertThat(after.endpointUnavailable()).isNull();
        assertThat(log).contains("llmmon: behaviour history " + dir.resolve("history.jsonl")
                + ": 2 earlier run(s) to compare with");
        assertThat(log).anyMatch(l -> l.contains("1 run(s) during an endpoint outage"));
    }

    @Test
    void aReplayOfAnOldCassetteIsComparedWithReplaysNotWithALiveRunOfAChangedModel() throws Exception {
        String cassette = dir.resolve("probes.cassette.jsonl").toString();
        List<String> log = new ArrayList<>();
        run(request().mode("record").cassette(cassette), log);   // the old model, recorded once
        run(request().mode("replay").cassette(cassette), log);   // a PR build

        model = "new";                                          // the provider swaps the model behind the name
        ProbeRunSummary live = run(request().mode("live").failOnSilentChange(false), log);
        assertThat(live.silentChanges()).extracting(SilentChange::kind)
                .contains(SilentChange.Kind.JSON_VALIDITY_DROP, SilentChange.Kind.FINGERPRINT_CHANGE);

        log.clear();
        ProbeRunSummary replay = run(request().mode("replay").cassette(cassette), log);
        assertThat(replay.silentChanges()).isEmpty();           // before: FINGERPRINT_CHANGE on every probe
        assertThat(replay.passed()).isTrue();
        assertThat(log).anyMatch(l -> l.endsWith(": 1 earlier run(s) to compare with"));
        assertThat(log).anyMatch(l -> l.contains("not compared: 2 run(s) of these probes obtained another way"));

        List<BehaviourFingerprint> lines = FingerprintHistory.read(dir.resolve("history.jsonl"));
        assertThat(lines).extracting(BehaviourFingerprint::mode)
                .containsExactly("record", "record", "replay", "replay", "live", "live", "replay", "replay");
        assertThat(lines.get(0).endpoint()).isEqualTo("openai " + server.url("/v1").toString().replaceAll("/$", ""));
        assertThat(lines.get(2).endpoint()).isEqualTo("cassette " + cassette);
    }
}
