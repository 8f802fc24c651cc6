package dev.llmmon.internal.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryLoopTest {
    final List<Duration> waits = new ArrayList<>();
    final RetryLoop loop = new RetryLoop(3, n -> Duration.ofSeconds(n), Duration.ofSeconds(30), waits::add);

    @Test
    void aFinalStepEndsTheLoop() {
        RetryLoop.Result<String> r = loop.run(n -> n < 2 ? RetryLoop.Step.retry("busy", null) : RetryLoop.Step.done("ok"));
        assertThat(r).isEqualTo(new RetryLoop.Result<>("ok", 2, RetryLoop.Ending.DONE));
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void transientFailuresGiveUpAfterTheLastAttemptWithoutWaitingAgain() {
        RetryLoop.Result<String> r = loop.run(n -> RetryLoop.Step.retry("busy " + n, null));
        assertThat(r).isEqualTo(new RetryLoop.Result<>("busy 3", 3, RetryLoop.Ending.GAVE_UP));
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void theServersWaitReplacesTheBackoffUpToTheCap() {
        loop.run(n -> n == 1 ? RetryLoop.Step.retry("", Duration.ofSeconds(7))
                : n == 2 ? RetryLoop.Step.retry("", Duration.ofHours(1)) : RetryLoop.Step.done(""));
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(30));
    }

    @Test
    void anInterruptEndsTheLoopAndKeepsTheFlag() {
        RetryLoop interrupted = new RetryLoop(3, n -> Duration.ofSeconds(1), Duration.ZERO, d -> {
            throw new InterruptedException();
        });
        RetryLoop.Result<String> r = interrupted.run(n -> RetryLoop.Step.retry("busy", null));
        assertThat(r).isEqualTo(new RetryLoop.Result<>("busy", 1, RetryLoop.Ending.INTERRUPTED));
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-20T13:00:00Z");
        String in42s = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(42).atZone(ZoneOffset.UTC));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(5).atZone(ZoneOffset.UTC));
        assertThat(RetryAfter.parse(" 7 ", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(in42s, now)).isEqualTo(Duration.ofSeconds(42));
        assertThat(RetryAfter.parse(past, now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("-1", now)).isNull();
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse(null, now)).isNull();
    }

    @Test
    void transientStatuses() {
        assertThat(List.of(408, 409, 429, 500, 503)).allMatch(JsonPost::isTransient);
        assertThat(List.of(200, 400, 401, 404)).noneMatch(JsonPost::isTransient);
    }

    @Test
    void urlsKeepTheirQueryAndErrorsNameNoQuery() {
        String url = JsonPost.resolve("https://acme.openai.azure.com/openai/v1/?api-version=preview", "chat/completions");
        assertThat(url).isEqualTo("https://acme.openai.azure.com/openai/v1/chat/completions?api-version=preview");
        assertThat(JsonPost.describe(url)).isEqualTo("https://acme.openai.azure.com:443/openai/v1/chat/completions");
    }
}
