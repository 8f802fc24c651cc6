package dev.llmmon.drift;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.alert.Severity;
import dev.llmmon.record.ChangeEvent;
import dev.llmmon.spi.DetectionInput;
import dev.llmmon.spi.Detector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Suspected silent provider-side changes ({@link ProviderBehaviour}) as alerts, one per model and first window
 * (the features that showed it are listed; the alert names the feature when only one did, else {@code *}): MAJOR, open (nothing in the logs can close it). A feature's behaviour
 * shift that its own logged model or prompt change explains (one inside the suspected period, or inside the
 * reference week it was compared with) is not a provider change and is dropped; a new system fingerprint never is.
 */
public final class ProviderChanges implements Detector<ProviderBehaviour> {
    /** Provider-side changes are looked for day by day, whatever the report window ... */
    static final Duration WINDOW = Duration.ofDays(1);
    /** ... a day is compared with the pooled previous week of the same model and feature ... */
    static final int REFERENCE_DAYS = 7;
    /** ... when both have at least this many requests. */
    static final long MIN_REQUESTS = 100;

    @Override
    public Class<ProviderBehaviour> stateType() {
        return ProviderBehaviour.class;
    }

    @Override
    public ProviderBehaviour newCollector() {
        return new ProviderBehaviour(WINDOW);
    }

    @Override
    public Findings detect(ProviderBehaviour state, DetectionInput input) {
        List<ProviderBehaviour.SuspectedChange> changes = state.suspectedChanges(REFERENCE_DAYS, MIN_REQUESTS);
        return new Findings(alerts(changes, input.changes()), changes);
    }

    static List<Alert> alerts(List<ProviderBehaviour.SuspectedChange> changes, List<ChangeEvent> events) {
        Map<String, Map<Instant, List<ProviderBehaviour.SuspectedChange>>> byModel = new TreeMap<>();
        for (ProviderBehaviour.SuspectedChange change : changes) {
            if (!change.fingerprint() && explainedByOwnChange(change, events)) {
                continue;
            }
            byModel.computeIfAbsent(change.model(), m -> new TreeMap<>())
                    .computeIfAbsent(change.windowStart(), w -> new ArrayList<>()).add(change);
        }
        List<Alert> alerts = new ArrayList<>();
        byModel.forEach((model, starts) -> starts.forEach((start, found) -> {
            Instant last = found.stream().map(ProviderBehaviour.SuspectedChange::lastWindow)
                    .max(Instant::compareTo).orElseThrow();
            String reasons = found.stream().map(c -> c.feature() + ": " + String.join("; ", c.reasons()))
                    .collect(Collectors.joining(" | "));
            // the feature that showed it, so an alert can be routed like any other; "*" when several did
            List<String> features = found.stream().map(ProviderBehaviour.SuspectedChange::feature).distinct().toList();
            String feature = features.size() == 1 ? features.get(0) : "*";
            alerts.add(Alert.of(AlertKind.PROVIDER_CHANGE, feature, model, "model_behaviour", start).windowEnd(last)
                    .severity(Severity.MAJOR).describedBy("provider-change",
                            "suspected provider-side change of " + model + " (" + reasons + ")").build());
        }));
        return alerts;
    }

    private static boolean explainedByOwnChange(ProviderBehaviour.SuspectedChange change, List<ChangeEvent> events) {
        Instant from = change.windowStart().minus(WINDOW.multipliedBy(REFERENCE_DAYS));
        Instant end = change.lastWindow().plus(WINDOW);
        return events.stream().anyMatch(e -> e.changesBehaviour() && change.feature().equals(e.featureId())
                && !e.timestamp().isBefore(from) && e.timestamp().isBefore(end));
    }
}
