package dev.llmmon.probes.run;

import dev.llmmon.client.ChatRequest;
import dev.llmmon.client.ChatResponse;
import dev.llmmon.client.ModelClient;
import dev.llmmon.client.Usage;
import dev.llmmon.record.FinishReason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Answers with scripted texts in turn; records what it was sent. */
public final class FakeClient implements ModelClient {
    private final List<String> answers;
    private final AtomicInteger next = new AtomicInteger();
    public final List<ChatRequest> sent = new ArrayList<>();

    public FakeClient(String... answers) {
        this.answers = List.of(answers);
    }

    public static ChatResponse response(String text) {
        return new ChatResponse(text, FinishReason.END_TURN, "stop", new Usage(10, text.length() / 4), "fake-model",
                "fp_1", Duration.ofMillis(120), 1);
    }

    @Override
    public synchronized ChatResponse send(ChatRequest request) {
        sent.add(request);
        return response(answers.get(next.getAndIncrement() % answers.size()));
    }

    @Override
    public String model() {
        return "fake-model";
    }

    @Override
    public void close() {
    }
}
