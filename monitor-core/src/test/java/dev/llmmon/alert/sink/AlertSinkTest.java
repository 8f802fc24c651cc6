package dev.llmmon.alert.sink;

import dev.llmmon.internal.json.Json;
import dev.llmmon.alert.Severity;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.alert.Alert;
import dev.llmmon.spi.Delivery;
import dev.llmmon.alert.sink.AlertDispatcher;
import dev.llmmon.alert.sink.LogAlertSink;
import dev.llmmon.alert.sink.SlackWebhookSink;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmmon.client.FakeTime;
import dev.llmmon.client.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertSinkTest {
    private static final Instant START = Instant.parse("2025-03-06T08:00:00Z");
    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime(Instant.parse("2025-03-07T00:00:00Z"));
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Alert alert(String metric, Alert.Status status) {
        return new Alert(Alert.idOf(AlertKind.CONTROL_CHART, "support-chat", "gpt-4o-mini", metric, START),
                AlertKind.CONTROL_CHART, "support-chat", "gpt-4o-mini", metric, START, START.plusSeconds(3600),
                status == Alert.Status.OPEN ? null : START.plusSeconds(7200), 0.1075, 0.0192, 0.6456, "sigma", 12.9,
                "UP", Severity.CRITICAL, status, "ewma(lambda=0.1, L=2.814, UPPER, PROPORTION)",
                metric + " up for feature support-chat", List.of(new Alert.Evidence(START, 0.1075, 400, 1.10, 0.6456)));
    }

    private SlackWebhookSink sink(int attempts) {
        return new SlackWebhookSink(server.url("/services/T000/B000/SECRET").toString(), Duration.ofSeconds(5),
                new RetryPolicy(attempts, Duration.ofSeconds(1), Duration.ofSeconds(10), 0, Duration.ofSeconds(30)),
                time);
    }

    @Test
    void webhookRetriesAServerErrorThenDeliversASlackPayload() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).body("oops").build());
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        Alert alert = alert("error_rate", Alert.Status.OPEN);

        List<Delivery> result = sink(3).deliver(List.of(alert));

        assertThat(result).singleElement().satisfies(d -> {
            assertThat(d.delivered()).isTrue();
            assertThat(d.attempts()).isEqualTo(2);
        });
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1));
        server.takeRequest();
        RecordedRequest second = server.takeRequest();
        assertThat(second.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = Json.DOCUMENT.readTree(second.getBody().utf8());
        assertThat(body.get("text").asText()).startsWith("[CRITICAL] OPEN control chart: error_rate up on "
                + "support-chat/gpt-4o-mini");
        assertThat(body.get("blocks")).hasSize(3);
        assertThat(body.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(body.at("/blocks/1/fields/0/text").asText()).isEqualTo("*Value*\n0.1075");
        assertThat(body.at("/blocks/2/elements/0/text").asText()).contains(alert.id());
    }

    @Test
    void aWebhookThatAlwaysFailsLeavesTheAlertInTheFileMarkedUndeliveredAndTheNextRunRetries() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(500).build());
        }
        Path file = dir.resolve("alerts.json");
        Alert alert = alert("error_rate", Alert.Status.OPEN);
        List<String> log = new ArrayList<>();
        AlertDispatcher dispatcher = new AlertDispatcher(file, List.of(new LogAlertSink(log::add), sink(3)));

        AlertDispatcher.DispatchReport report = dispatcher.dispatch(List.of(alert));

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(report.notDelivered()).singleElement().satisfies(d -> {
            assertThat(d.sink()).isEqualTo("webhook");
            assertThat(d.error()).contains("HTTP 500").contains("3 attempts").doesNotContain("SECRET");
        });
        assertThat(log).singleElement().asString().contains(alert.id()).contains("CRITICAL");
        AlertsDocument saved = AlertJson.read(file);
        assertThat(saved.alerts()).singleElement().satisfies(e -> {
            assertThat(e.alert()).isEqualTo(AlertsDocument.AlertFields.of(alert));
            assertThat(e.deliveries().get("webhook").delivered()).isFalse();
            assertThat(e.deliveries().get("log").delivered()).isTrue();
        });

        // next scheduled run: same alert, webhook back up; only the webhook is retried, the log is not repeated
        server.enqueue(new MockResponse.Builder().code(200).build());
        AlertDispatcher.DispatchReport again = dispatcher.dispatch(List.of(alert));
        assertThat(again.attempted()).singleElement().satisfies(d -> assertThat(d.delivered()).isTrue());
        assertThat(log).hasSize(1);
        assertThat(AlertJson.read(file).alerts().get(0).deliveries().get("webhook").delivered()).isTrue();

        // a third run with nothing new sends nothing; when the alert closes it is announced once more
        assertThat(dispatcher.dispatch(List.of(alert)).attempted()).isEmpty();
        server.enqueue(new MockResponse.Builder().code(200).build());
        Alert closed = alert("error_rate", Alert.Status.CLOSED);
        assertThat(closed.id()).isEqualTo(alert.id());
        assertThat(dispatcher.dispatch(List.of(closed)).attempted()).hasSize(2)
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(Alert.Status.CLOSED));
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void aClientErrorIsNotRetried() {
        server.enqueue(new MockResponse.Builder().code(404).build());
        List<Delivery> result = sink(3).deliver(List.of(alert("error_rate", Alert.Status.OPEN)));
        assertThat(result.get(0).delivered()).isFalse();
        assertThat(result.get(0).attempts()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void withoutAPreviousFileClosedHistoryIsRecordedButNotSent() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        Path file = dir.resolve("out/alerts.json");
        AlertDispatcher.DispatchReport report = new AlertDispatcher(file, List.of(sink(1)))
                .dispatch(List.of(alert("latency_p95_ms", Alert.Status.CLOSED), alert("error_rate", Alert.Status.OPEN)));
        assertThat(report.historySkipped()).isEqualTo(1);
        assertThat(report.attempted()).extracting(Delivery::alertId)
                .containsExactly(alert("error_rate", Alert.Status.OPEN).id());
        assertThat(AlertJson.read(file).alerts()).hasSize(2);
    }

    @Test
    void jsonFileSinkRoundTripsAlertsExactlyIncludingNaN() throws Exception {
        Path file = dir.resolve("alerts.json");
        Alert a = alert("error_rate", Alert.Status.OPEN);
        Alert withNaN = new Alert(a.id(), a.kind(), a.feature(), a.model(), a.metric(), a.windowStart(),
                a.windowEnd(), null, a.value(), Double.NaN, a.limit(), a.units(), Double.NaN, a.direction(),
                Severity.MINOR, a.status(), "legacy", a.message(), a.evidence());
        assertThat(new JsonFileAlertSink(file).deliver(List.of(withNaN))).allMatch(Delivery::delivered);
        assertThat(AlertJson.read(file).alerts().get(0).alert()).isEqualTo(AlertsDocument.AlertFields.of(withNaN));
        Files.writeString(file, "{not json");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertJson.read(file))
                .hasMessageContaining(file.toString());
    }
}
