package dev.llmmon.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fills {@code {slot}} placeholders of one request's templates. Each slot is drawn once, so the answer talks
 * about the same order, amount or vendor as the question. Braces around anything but a slot name (JSON in
 * templates) are copied as they are.
 */
final class Texts {
    private final SplittableRandom rng;
    private final Map<String, String> chosen = new HashMap<>(); // lookups only: order never reaches the output
    private List<String> docSentences;

    Texts(SplittableRandom rng) {
        this.rng = rng;
    }

    String fill(String template) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i + 1) : -1;
            if (close > i + 1 && isSlotName(template, i + 1, close)) {
                out.append(slot(template.substring(i + 1, close)));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String slot(String name) {
        String value = chosen.get(name);
        if (value == null) {
            value = draw(name);
            chosen.put(name, value);
        }
        return value;
    }

    private String draw(String name) {
        switch (name) {
            case "doc" -> {
                return String.join(" ", doc());
            }
            case "s1" -> {
                return doc().get(0);
            }
            case "s2" -> {
                return doc().get(1);
            }
            case "amountNum" -> {
                int cents = rng.nextInt(100);
                return (5 + rng.nextLong(3000)) + (cents < 10 ? ".0" : ".") + cents;
            }
            default -> {
                List<String> values = Catalog.SLOTS.get(name);
                if (values == null) {
                    throw new IllegalStateException("template uses unknown slot {" + name + "}");
                }
                return Catalog.oneOf(rng, values);
            }
        }
    }

    /** The document to summarise: 3 to 7 distinct filled sentences; the summary quotes the first two. */
    private List<String> doc() {
        if (docSentences == null) {
            int n = 3 + rng.nextInt(5);
            List<String> pool = Catalog.DOC_SENTENCES;
            int[] order = new int[pool.size()];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            String[] picked = new String[n];
            for (int k = 0; k < n; k++) { // partial Fisher-Yates: n distinct sentences
                int j = k + rng.nextInt(order.length - k);
                int tmp = order[k];
                order[k] = order[j];
                order[j] = tmp;
                picked[k] = fill(pool.get(order[k]));
            }
            docSentences = List.of(picked);
        }
        return docSentences;
    }

    private static boolean isSlotName(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
