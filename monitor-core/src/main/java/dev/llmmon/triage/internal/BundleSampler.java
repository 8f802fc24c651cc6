package dev.llmmon.triage.internal;

import dev.llmmon.judge.Judgement;
import dev.llmmon.redact.Scope;
import dev.llmmon.triage.ReviewBundle;
import dev.llmmon.triage.ReviewVerdict;
import dev.llmmon.triage.TriageConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Picks the review bundle: the window's bad responses first (by the metric's outcome), then judge-flagged ones, then
 * the rest; within each class round-robin over strata (the configured dimensions, largest stratum first) so one
 * slice cannot fill the bundle; within a stratum in SHA-256 order of the request id (a fixed pseudo-random order).
 * Every text is redacted, one scope per response; a previous bundle's verdicts and notes are carried over.
 */
final class BundleSampler {
    static final int MAX_TEXT = 4000;

    private BundleSampler() {
    }

    static ReviewBundle sample(TriageConfig config, String alertId, String feature, String model, String metric,
                               Instant start, Instant end, List<Row> candidates, Outcome outcome,
                               Map<String, Judgement> judged, ReviewBundle previous) {
        List<List<Row>> classes = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Row r : candidates) {
            Boolean bad = outcome.bad(r);
            Judgement j = judged.get(r.requestId());
            classes.get(Boolean.TRUE.equals(bad) ? 0 : j != null && j.flagged() ? 1 : 2).add(r);
        }
        List<Row> picked = new ArrayList<>();
        for (List<Row> c : classes) {
            if (picked.size() >= config.bundleSize()) {
                break;
            }
            picked.addAll(roundRobin(c, config.stratifyBy(), config.bundleSize() - picked.size()));
        }
        Map<String, ReviewBundle.Item> before = new HashMap<>();
        if (previous != null) {
            previous.items().forEach(i -> before.put(i.requestId(), i));
        }
        List<ReviewBundle.Item> items = new ArrayList<>();
        for (Row r : picked) {
            Scope scope = config.redactor().scope();
            Boolean bad = outcome.bad(r);
            Judgement j = judged.get(r.requestId());
            String why = Boolean.TRUE.equals(bad) ? outcome.why(r)
                    : j != null && j.flagged() ? "judge flagged" + (j.flagReason() == null ? "" : ": " + j.flagReason())
                    : "sample";
            Map<String, String> slice = new LinkedHashMap<>();
            new TreeMap<>(r.metadata()).forEach((k, v) -> slice.put(k, scope.redact(v).text()));
            ReviewBundle.Judge judge = j == null ? null : new ReviewBundle.Judge(j.qualityScore(), j.dimensions(),
                    j.flagged(), j.flagReason(), text(scope, j.rationale()), j.judgeModel());
            ReviewBundle.Item item = new ReviewBundle.Item(r.requestId(), r.timestamp(), r.feature(), r.model(), slice,
                    why, text(scope, r.input()), text(scope, r.output()), text(scope, r.errorText()), judge,
                    ReviewVerdict.UNSET, null);
            ReviewBundle.Item old = before.get(r.requestId());
            items.add(old == null ? item : item.withReview(old.verdict(), old.note()));
        }
        return new ReviewBundle(alertId, feature, model, metric, start, end, items);
    }

    private static String text(Scope scope, String value) {
        return value == null ? null : dev.llmmon.redact.Redactor.truncate(scope.redact(value).text(), MAX_TEXT);
    }

    private static List<Row> roundRobin(List<Row> rows, List<String> strata, int limit) {
        Map<String, List<Row>> byStratum = new TreeMap<>();
        for (Row r : rows) {
            StringBuilder key = new StringBuilder();
            for (String d : strata) {
                key.append(r.dimension(d)).append('\u0001');
            }
            byStratum.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(r);
        }
        List<Deque<Row>> queues = new ArrayList<>();
        byStratum.values().stream().sorted(Comparator.comparingInt((List<Row> l) -> -l.size())).forEach(l -> {
            l.sort(Comparator.comparing(r -> hash(r.requestId())));
            queues.add(new ArrayDeque<>(l));
        });
        List<Row> out = new ArrayList<>();
        while (out.size() < limit && queues.stream().anyMatch(q -> !q.isEmpty())) {
            for (Deque<Row> q : queues) {
                if (!q.isEmpty() && out.size() < limit) {
                    out.add(q.poll());
                }
            }
        }
        return out;
    }

    private static String hash(String id) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
