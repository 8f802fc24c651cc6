package dev.llmmon.monitor;

import dev.llmmon.alert.Severity;
import dev.llmmon.alert.sink.LogAlertSink;
import dev.llmmon.alert.sink.SlackWebhookSink;
import dev.llmmon.spi.AlertSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where alerts go and when they fail the build.
 *
 * @param webhookUrl    a Slack-compatible incoming-webhook URL (a secret, never logged), or {@code null}
 * @param webhookUrlEnv the environment variable holding the URL when {@code webhookUrl} is unset, or {@code null}
 * @param failOnAlert   OPEN alerts of this severity or worse fail the run; {@code null} only reports
 */
public record Alerting(String webhookUrl, String webhookUrlEnv, Severity failOnAlert) {

    public static Alerting logOnly() {
        return new Alerting(null, null, null);
    }

    /** {@code critical}, {@code major}, {@code minor}, or {@code none} (never fail). */
    public static Severity failOn(String severity) {
        return severity == null || "none".equalsIgnoreCase(severity.trim()) ? null : Severity.parse(severity.trim());
    }

    /** The webhook URL: the given one, else the environment variable's value. */
    Optional<String> webhook(Function<String, String> environment) {
        String url = webhookUrl != null && !webhookUrl.isBlank() ? webhookUrl
                : webhookUrlEnv == null ? null : environment.apply(webhookUrlEnv);
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim());
    }

    /** The log sink, then the webhook when one is configured. */
    List<AlertSink> sinks(Consumer<String> log, Function<String, String> environment) {
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(new LogAlertSink(log));
        webhook(environment).ifPresent(url -> sinks.add(SlackWebhookSink.of(url)));
        return sinks;
    }
}
