package dev.llmmon.trial;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Users' queries of the trial features: a few templates per category, filled with words of that category. */
final class Vocabulary {
    private static final Map<String, List<String>> WORDS = Map.ofEntries(
            Map.entry("account", List.of("password", "login", "two-factor", "email address", "username")),
            Map.entry("billing", List.of("invoice", "refund", "card", "charge", "subscription")),
            Map.entry("shipping", List.of("parcel", "tracking number", "courier", "delivery date", "address")),
            Map.entry("returns", List.of("return label", "damaged item", "exchange", "store credit", "receipt")),
            Map.entry("follow-up", List.of("meeting notes", "next steps", "proposal", "timeline", "demo")),
            Map.entry("intro", List.of("new colleague", "partner team", "vendor", "candidate", "investor")),
            Map.entry("apology", List.of("late reply", "outage", "missed call", "wrong invoice", "delay")),
            Map.entry("legal-notice", List.of("termination clause", "data processing addendum", "indemnity",
                    "jurisdiction", "breach notification", "liability cap", "governing law")),
            Map.entry("ticket", List.of("cannot log in", "app crashes", "charged twice", "feature request", "slow page")),
            Map.entry("de", List.of("Lieferung", "Rechnung", "Kundendienst", "Vertrag")),
            Map.entry("fr", List.of("livraison", "facture", "service client", "contrat")),
            Map.entry("ja", List.of("配送", "請求書", "カスタマーサポート", "契約")),
            Map.entry("reporting", List.of("monthly revenue", "active users", "churn", "orders per region")),
            Map.entry("etl", List.of("dedupe", "late rows", "partition", "upsert")));
    private static final List<String> TEMPLATES = List.of("How do I handle %s for %s?", "Write something about %s and %s.",
            "Question about %s, also %s", "%s: what should I do about %s?");

    private Vocabulary() {
    }

    static String query(SplittableRandom rnd, String feature, String category) {
        List<String> words = WORDS.get(category);
        String template = TEMPLATES.get(rnd.nextInt(TEMPLATES.size()));
        return String.format(template, words.get(rnd.nextInt(words.size())), words.get(rnd.nextInt(words.size())))
                + (feature.equals("translate") ? " (translate to " + category + ")" : "");
    }
}
