package dev.llmmon.alert.sink;

import dev.llmmon.spi.Delivery;
import dev.llmmon.spi.AlertSink;
import dev.llmmon.alert.Alert;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.client.RetryPolicy;
import dev.llmmon.client.TimeSource;
import dev.llmmon.internal.http.JsonPost;
import dev.llmmon.internal.http.RetryAfter;
import dev.llmmon.internal.http.RetryLoop;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Posts each alert to a Slack-compatible incoming webhook as {@code {"text": ..., "blocks": [...]}}. Transient
 * failures (429, 5xx, I/O) are retried with exponential back-off ({@code Retry-After} seconds or date honoured, capped);
 * other 4xx are not retried. Errors never contain the webhook URL, which is a secret.
 */
public final class SlackWebhookSink implements AlertSink {
    private final String url;
    private final JsonPost http;
    private final RetryPolicy retry;
    private final TimeSource time;

    /** @param timeout of one attempt */
    public SlackWebhookSink(String url, Duration timeout, RetryPolicy retry, TimeSource time) {
        if (!JsonPost.isHttpUrl(Objects.requireNonNull(url, "url"))) {
            throw new IllegalArgumentException("webhook URL is not an http(s) URL");
        }
        this.url = url;
        this.http = new JsonPost(Objects.requireNonNull(timeout, "timeout"));
        this.retry = Objects.requireNonNull(retry, "retry");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** Three attempts, 1 s then 2 s apart, each at most 30 s. */
    public static SlackWebhookSink of(String url) {
        return new SlackWebhookSink(url, Duration.ofSeconds(30),
                new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10), 0, Duration.ofSeconds(30)),
                TimeSource.SYSTEM);
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public List<Delivery> deliver(List<Alert> alerts) {
        List<Delivery> out = new ArrayList<>(alerts.size());
        for (Alert alert : alerts) {
            out.add(send(alert));
        }
        return out;
    }

    private Delivery send(Alert alert) {
        String body = payload(alert).toString();
        RetryLoop loop = new RetryLoop(retry.maxAttempts(),
                n -> retry.backoff(n, ThreadLocalRandom.current().nextDouble()), retry.maxRetryAfter(), time::sleep);
        RetryLoop.Result<Attempted> result = loop.run(attempt -> attempt(alert, body, attempt));
        return switch (result.ending()) {
            case DONE -> result.outcome().delivery();
            case GAVE_UP -> Delivery.failed(alert, name(), result.attempts(),
                    result.outcome().error() + " after " + result.attempts() + " attempts");
            case INTERRUPTED -> Delivery.failed(alert, name(), result.attempts(),
                    result.outcome().error() + "; interrupted while waiting to retry");
        };
    }

    /** One attempt's delivery, or its error when another attempt may follow. */
    private record Attempted(Delivery delivery, String error) {
    }

    private RetryLoop.Step<Attempted> attempt(Alert alert, String body, int attempt) {
        try {
            JsonPost.Reply response = http.post(url, Map.of(), body.getBytes(StandardCharsets.UTF_8));
            if (response.successful()) {
                return RetryLoop.Step.done(new Attempted(Delivery.ok(alert, name(), attempt), null));
            }
            int code = response.status();
            String error = "webhook answered HTTP " + code;
            if (code != 429 && code < 500) {
                return RetryLoop.Step.done(new Attempted(Delivery.failed(alert, name(), attempt, error + " (not retried)"),
                        error));
            }
            return RetryLoop.Step.retry(new Attempted(null, error),
                    RetryAfter.parse(response.retryAfter(), time.now()));
        } catch (IOException e) {
            return RetryLoop.Step.retry(new Attempted(null, "webhook call failed: " + e.getClass().getSimpleName()), null);
        }
    }

    /** The Slack message: a plain-text fallback and Block Kit blocks. */
    static ObjectNode payload(Alert a) {
        String title = String.format(Locale.ROOT, "[%s] %s %s: %s %s on %s/%s", a.severity(), a.status(),
                a.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '), a.metric(),
                "DOWN".equals(a.direction()) ? "down" : "up", a.feature(), a.model());
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("text", title + " - " + a.message());
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", truncate(title, 150));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", truncate(a.message(), 3000));
        ArrayNode fields = section.putArray("fields");
        field(fields, "Value", Alert.number(a.value()));
        field(fields, "Baseline", Alert.number(a.baseline()));
        field(fields, "Since", a.windowStart().toString());
        field(fields, a.closedAt() == null ? "Status" : "Closed at",
                a.closedAt() == null ? a.status().name() : a.closedAt().toString());
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "alert " + a.id() + " · " + a.detector());
        return root;
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + value);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
