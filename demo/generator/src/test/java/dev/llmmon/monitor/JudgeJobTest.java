package dev.llmmon.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmmon.client.Endpoint;
import dev.llmmon.client.KeySource;
import dev.llmmon.client.ModelClient;
import dev.llmmon.demo.DemoDataGenerator;
import dev.llmmon.demo.DemoOptions;
import dev.llmmon.judge.JudgeConfig;
import dev.llmmon.judge.JudgementStore;
import dev.llmmon.metrics.QualityPoint;
import dev.llmmon.sampling.SamplingPolicy;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The judge over the same logs the monitor reads, against a local OpenAI-compatible endpoint. */
class JudgeJobTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    MockWebServer server;
    final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                calls.incrementAndGet();
                // a judge that gives lower scores to answers that say "not sure"
                boolean weak = request.getBody().utf8().contains("not sure");
                String scores = weak ? "{\"correctness\":2,\"completeness\":2,\"tone\":3}"
                        : "{\"correctness\":5,\"completeness\":4,\"tone\":5}";
                var body = JSON.createObjectNode();
                var choice = body.putArray("choices").addObject();
                choice.putObject("message").put("role", "assistant")
                        .put("content", "{\"scores\":" + scores + ",\"rationale\":\"r\"}");
                choice.put("finish_reason", "stop");
                body.putObject("usage").put("prompt_tokens", 800).put("completion_tokens", 60);
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body(body.toString()).build();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void judgesTheSampleOnceAndBuildsQualitySeries() throws Exception {
        DemoDataGenerator.write(dir, DemoOptions.defaults().withDays(2));
        MonitorConfig logs = MonitorConfig.of(dir, List.of("requests.jsonl")).withSignals(List.of("signals.jsonl"));
        ModelClient client = ModelClient.create(Endpoint.builder(Endpoint.Provider.OPENAI, "judge-model")
                .baseUrl(server.url("/v1").toString()).keySource(KeySource.secret("sk-test")).build());
        JudgeConfig config = JudgeConfig.of(SamplingPolicy.of(0.01)).withConcurrency(2);
        Path store = dir.resolve("store/judgements.jsonl");

        JudgeJob.Result first = JudgeJob.run(logs, client, config, store, null, null);
        long selected = first.summary().sampled();
        assertThat(first.summary().records()).isGreaterThan(5000);
        assertThat(selected).isGreaterThan(first.summary().alwaysJudged()).isGreaterThan(0);
        assertThat(first.summary().judged() + first.summary().missingOutput()).isEqualTo(selected);
        assertThat(calls.get()).isEqualTo((int) first.summary().judged());
        assertThat(JudgementStore.read(store).judgements()).hasSize((int) first.summary().judged());

        List<QualityPoint> points = first.quality().points();
        assertThat(points).isNotEmpty();
        assertThat(points.stream().mapToLong(QualityPoint::judged).sum()).isEqualTo(first.summary().judged());
        assertThat(points).allSatisfy(p -> assertThat(p.meanScore()).isBetween(1.0, 5.0));

        // a rerun over the same logs pays for nothing
        int before = calls.get();
        JudgeJob.Result second = JudgeJob.run(logs, client, config, store, null, null);
        assertThat(calls.get()).isEqualTo(before);
        assertThat(second.summary().alreadyDone()).isEqualTo(first.summary().judged());
        assertThat(second.summary().judged()).isZero();
        assertThat(second.quality().points()).isEqualTo(points);
    }
}
