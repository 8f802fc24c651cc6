package dev.llmmon.judge;

import dev.llmmon.client.ChatMessage;
import dev.llmmon.client.ChatRequest;
import dev.llmmon.client.ChatResponse;
import dev.llmmon.client.ModelClient;
import dev.llmmon.client.ModelClientException;
import dev.llmmon.client.TimeSource;
import dev.llmmon.client.Usage;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.record.SignalType;
import dev.llmmon.sampling.SampleDecision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Consumer;

/**
 * Samples requests, judges the ones the store does not hold yet, and appends each judgement as it arrives.
 *
 * <pre>{@code
 * try (ModelClient client = new OpenAiChatClient(settings);
 *      JudgementStore store = JudgementStore.open(Path.of("target/llmmon/judgements.jsonl"))) {
 *     JudgeSummary summary = new JudgeRun(client, config, store)
 *             .onProgress(p -> log.info(p.completed() + "/" + p.total()))
 *             .start(records, signals)
 *             .join();
 * }
 * }</pre>
 *
 * <p>Selected requests with an always-judge signal (thumbs-down, correction) are judged before rate-sampled ones, so
 * a budget cap spends on them first. The selected requests (not all records) are held in memory so that the total,
 * and so the ETA, is known. A USD cap is enforced before each call from the spend so far plus an estimate for the
 * calls in flight (the average cost so far, or before the first reply the prompt's characters / 4 as input tokens
 * plus the full output limit); the cap can be overshot only by the estimate's error on in-flight calls.
 *
 * <p>A reply that is not a valid set of scores is asked for once more, in the same conversation with the parse
 * error fed back (judges that wrap JSON in prose usually comply); only a second bad reply is recorded as
 * {@code unparseable}. Both calls' tokens are counted. A 401 or 403 stops the run at once: every further call would
 * be refused too, and a rerun with the same key would not help ({@link JudgeSummary#keyRejected()}).
 */
public final class JudgeRun {
    private final ModelClient client;
    private final JudgeConfig config;
    private final JudgementStore store;
    private final String judgeModel;
    private Consumer<JudgeProgress> progress = p -> { };
    private Clock clock = Clock.systemUTC();
    private TimeSource time = TimeSource.SYSTEM;

    public JudgeRun(ModelClient client, JudgeConfig config, JudgementStore store) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config").checked();
        this.store = Objects.requireNonNull(store, "store");
        this.judgeModel = client.model();
    }

    /** Called after every finished judge call, from the judge threads. */
    public JudgeRun onProgress(Consumer<JudgeProgress> listener) {
        this.progress = Objects.requireNonNull(listener);
        return this;
    }

    /** Clock for {@code judged_at}, and monotonic time for rate and ETA. */
    public JudgeRun withClock(Clock clock, TimeSource time) {
        this.clock = Objects.requireNonNull(clock);
        this.time = Objects.requireNonNull(time);
        return this;
    }

    /** Blocking form of {@link #start}. */
    public JudgeSummary run(Iterable<RequestRecord> records, Map<String, Set<SignalType>> signals) {
        return start(records, signals).join();
    }

    /**
     * Starts the run on its own threads. The future fails only when judgements cannot be written; an endpoint that
     * keeps failing ends the run early with {@link JudgeSummary#stopReason()} set.
     */
    public CompletableFuture<JudgeSummary> start(Iterable<RequestRecord> records, Map<String, Set<SignalType>> signals) {
        return CompletableFuture.supplyAsync(() -> execute(records, signals), runnable -> {
            Thread t = new Thread(runnable, "llmmon-judge-run");
            t.setDaemon(true);
            t.start();
        });
    }

    private JudgeSummary execute(Iterable<RequestRecord> records, Map<String, Set<SignalType>> signals) {
        long read = 0;
        long always = 0;
        long rated = 0;
        long excludedErrors = 0;
        long missingOutput = 0;
        long alreadyDone = 0;
        List<RequestRecord> first = new ArrayList<>();
        List<RequestRecord> then = new ArrayList<>();
        for (RequestRecord r : records) {
            read++;
            SampleDecision decision = config.sampling().decide(r, signals.getOrDefault(r.requestId(), Set.of()));
            if (decision == SampleDecision.EXCLUDED_ERROR) {
                excludedErrors++;
                continue;
            }
            if (!decision.judge()) {
                continue;
            }
            if (decision == SampleDecision.ALWAYS_JUDGE) {
                always++;
            } else {
                rated++;
            }
            if (store.isDone(new Judgement.Key(r.requestId(), config.rubric().version(), judgeModel))) {
                alreadyDone++;
            } else if (r.output() == null) {
                missingOutput++;
            } else {
                (decision == SampleDecision.ALWAYS_JUDGE ? first : then).add(r);
            }
        }
        first.addAll(then);
        Tally tally = new Tally(first.size(), time.nanoTime());
        judgeAll(first, tally);
        return new JudgeSummary(read, always + rated, always, excludedErrors, missingOutput, alreadyDone,
                tally.ok.get(), tally.flagged.get(), tally.unparseable.get(), tally.failed.get(),
                tally.skippedByBudget.get(), tally.notRunAfterStop.get(),
                new Usage(tally.inputTokens.get(), tally.outputTokens.get()),
                config.pricing() == null ? null : tally.spend.sum(), tally.stopReason.get(), tally.retried.get(),
                tally.keyRejected.get());
    }

    private void judgeAll(List<RequestRecord> todo, Tally tally) {
        ExecutorService pool = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "llmmon-judge");
            t.setDaemon(true);
            return t;
        });
        Semaphore slots = new Semaphore(config.concurrency());
        AtomicReference<Throwable> writeFailure = new AtomicReference<>();
        long started = 0;
        try {
            for (int i = 0; i < todo.size(); i++) {
                RequestRecord record = todo.get(i);
                ChatRequest request = JudgePrompt.build(config.rubric(), record, config.maxOutputTokens());
                slots.acquireUninterruptibly();
                if (writeFailure.get() != null || tally.stopReason.get() != null) {
                    slots.release();
                    tally.notRunAfterStop.addAndGet(todo.size() - i);
                    break;
                }
                if (overBudget(started, request, config.concurrency() - slots.availablePermits() - 1, tally)) {
                    slots.release();
                    tally.skippedByBudget.addAndGet(todo.size() - i);
                    break;
                }
                started++;
                pool.execute(() -> {
                    try {
                        store.append(judge(record, request, tally));
                    } catch (IOException | UncheckedIOException e) {
                        writeFailure.compareAndSet(null, e);
                    } catch (RuntimeException e) {
                        writeFailure.compareAndSet(null, e);
                    } finally {
                        slots.release();
                        progress.accept(tally.progress(time.nanoTime(), config.pricing() != null));
                    }
                });
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable failure = writeFailure.get();
        if (failure != null) {
            throw new IllegalStateException("judgements could not be written to " + store.file() + ": " + failure.getMessage(), failure);
        }
    }

    private boolean overBudget(long started, ChatRequest request, int inFlight, Tally tally) {
        var cap = config.budget();
        if (cap.limitsCount() && started >= cap.maxJudgements()) {
            return true;
        }
        if (cap.limitsSpend()) {
            long completed = tally.completed.get();
            double estimate = completed > 0 && tally.costed.get() > 0
                    ? tally.spend.sum() / tally.costed.get()
                    : config.pricing().cost(new Usage(promptChars(request) / 4, config.maxOutputTokens()));
            return tally.spend.sum() + (inFlight + 1) * estimate > cap.maxSpendUsd();
        }
        return false;
    }

    private static long promptChars(ChatRequest r) {
        long n = r.system() == null ? 0 : r.system().length();
        for (var m : r.messages()) {
            n += m.content().length();
        }
        return n;
    }

    /** One judge call (two when the first reply is unparseable) turned into a judgement; never throws for a model failure. */
    private Judgement judge(RequestRecord record, ChatRequest request, Tally tally) {
        ChatResponse response;
        try {
            response = client.send(request);
        } catch (ModelClientException e) {
            return failed(record, e, tally);
        }
        tally.consecutiveFailures.set(0);
        Usage usage = response.usage();
        Double cost = count(usage, tally);
        JudgeReply reply = JudgeReply.parse(response.text(), config.rubric());
        if (!reply.ok()) {
            // once more, telling the judge what was wrong with its answer
            tally.retried.incrementAndGet();
            ChatRequest again = retryRequest(request, response.text(), reply.problem());
            String firstProblem = reply.problem();
            try {
                ChatResponse second = client.send(again);
                Double secondCost = count(second.usage(), tally);
                usage = new Usage(usage.inputTokens() + second.usage().inputTokens(),
                        usage.outputTokens() + second.usage().outputTokens());
                cost = cost == null || secondCost == null ? cost : cost + secondCost;
                reply = JudgeReply.parse(second.text(), config.rubric());
                if (!reply.ok()) {
                    reply = new JudgeReply(null, null, reply.problem() + " (also after one retry; first reply: "
                            + firstProblem + ")");
                }
            } catch (ModelClientException e) {
                // the retry itself failed: the reply we paid for stays unparseable, as it was
                reply = new JudgeReply(null, null, firstProblem + " (the retry call failed: " + e.getMessage() + ")");
            }
        }
        tally.completed.incrementAndGet();
        if (!reply.ok()) {
            tally.unparseable.incrementAndGet();
            return new Judgement(record.requestId(), record.featureId(), record.modelId(), JudgementStatus.UNPARSEABLE,
                    null, null, false, null, judgeModel, config.rubric().version(), clock.instant(), null,
                    record.timestamp(), usage.inputTokens(), usage.outputTokens(), cost, reply.problem());
        }
        double mean = reply.scores().values().stream().mapToInt(Integer::intValue).average().orElseThrow();
        String flagReason = config.flags().reason(reply.scores(), mean);
        tally.ok.incrementAndGet();
        if (flagReason != null) {
            tally.flagged.incrementAndGet();
        }
        return new Judgement(record.requestId(), record.featureId(), record.modelId(), JudgementStatus.OK,
                Math.round(mean * 1000) / 1000.0, reply.scores(), flagReason != null, flagReason, judgeModel,
                config.rubric().version(), clock.instant(), reply.rationale(), record.timestamp(),
                usage.inputTokens(), usage.outputTokens(), cost, null);
    }

    /** Adds a reply's tokens and cost to the tally; the cost, {@code null} when the price is unknown. */
    private Double count(Usage usage, Tally tally) {
        tally.inputTokens.addAndGet(usage.inputTokens());
        tally.outputTokens.addAndGet(usage.outputTokens());
        Double cost = config.pricing() == null ? null : config.pricing().cost(usage);
        if (cost != null) {
            tally.spend.add(cost);
            tally.costed.incrementAndGet();
        }
        return cost;
    }

    /** The same conversation plus the unusable reply and what was wrong with it. */
    static ChatRequest retryRequest(ChatRequest request, String reply, String problem) {
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        messages.add(ChatMessage.assistant(reply == null ? "" : reply));
        messages.add(ChatMessage.user("Your reply could not be used: " + problem + ". Answer again with only the JSON"
                + " object {\"scores\": {...}, \"rationale\": \"...\"}: every rubric dimension once, each an integer"
                + " from 1 to 5, and no other text."));
        return new ChatRequest(request.model(), request.system(), messages, request.temperature(), request.maxTokens(),
                request.responseFormat());
    }

    private Judgement failed(RequestRecord record, ModelClientException e, Tally tally) {
        int streak = tally.consecutiveFailures.incrementAndGet();
        int limit = config.stopAfterConsecutiveFailures();
        if (e.kind() == ModelClientException.Kind.HTTP_STATUS && (e.statusCode() == 401 || e.statusCode() == 403)) {
            if (tally.keyRejected.compareAndSet(false, true)) {
                tally.stopReason.compareAndSet(null, "the judge endpoint refused the API key (HTTP " + e.statusCode()
                        + "): " + e.getMessage());
            }
        } else if (e.kind() == ModelClientException.Kind.CIRCUIT_OPEN || (limit > 0 && streak >= limit)) {
            tally.stopReason.compareAndSet(null, "judge endpoint failed " + streak
                    + " calls in a row, stopping early: " + e.getMessage());
        }
        tally.failed.incrementAndGet();
        tally.completed.incrementAndGet();
        return new Judgement(record.requestId(), record.featureId(), record.modelId(), JudgementStatus.ERROR,
                null, null, false, null, judgeModel, config.rubric().version(), clock.instant(), null,
                record.timestamp(), 0, 0, null, e.getMessage());
    }

    private static final class Tally {
        final long total;
        final long startNanos;
        final AtomicLong completed = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong flagged = new AtomicLong();
        final AtomicLong unparseable = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong skippedByBudget = new AtomicLong();
        final AtomicLong notRunAfterStop = new AtomicLong();
        final AtomicLong retried = new AtomicLong();
        final java.util.concurrent.atomic.AtomicBoolean keyRejected = new java.util.concurrent.atomic.AtomicBoolean();
        final AtomicLong inputTokens = new AtomicLong();
        final AtomicLong outputTokens = new AtomicLong();
        final AtomicLong costed = new AtomicLong();
        final DoubleAdder spend = new DoubleAdder();
        final AtomicInteger consecutiveFailures = new AtomicInteger();
        final AtomicReference<String> stopReason = new AtomicReference<>();

        Tally(long total, long startNanos) {
            this.total = total;
            this.startNanos = startNanos;
        }

        JudgeProgress progress(long nowNanos, boolean priced) {
            long done = completed.get();
            double seconds = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
            double rate = done / seconds;
            Duration eta = done == 0 ? null : Duration.ofMillis(Math.round((total - done) / rate * 1000));
            return new JudgeProgress(done, total, rate, eta, priced ? spend.sum() : null, unparseable.get(), failed.get());
        }
    }
}
