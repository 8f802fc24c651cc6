package dev.llmmon.judge;

import dev.llmmon.internal.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judge/human agreement per dimension: Spearman's rank correlation (does the judge order responses like humans?)
 * and quadratic-weighted Cohen's kappa (does it give the same scores, near misses costing little?).
 */
public final class JudgeAgreement {
    private static final int K = 5;

    private JudgeAgreement() {
    }

    /**
     * Reads human labels: JSONL with {@code request_id}, {@code dimension}, {@code score} (integer 1-5).
     * A bad line fails with file, line and field: a label file is small and hand-made, a silent skip would bias it.
     */
    public static List<HumanLabel> readLabels(Path file) throws IOException {
        List<HumanLabel> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + n + ": ";
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(where + "not valid JSON (" + e.getOriginalMessage() + ")");
                }
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException(where + "line is not a JSON object");
                }
                for (String field : List.of("request_id", "dimension")) {
                    if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
                        throw new IllegalArgumentException(where + "field " + field + " must be a non-empty string");
                    }
                }
                JsonNode score = node.path("score");
                if (!score.isIntegralNumber() || score.asInt() < 1 || score.asInt() > 5) {
                    throw new IllegalArgumentException(where + "field score must be an integer 1-5, found " + score);
                }
                out.add(new HumanLabel(node.get("request_id").asText(), node.get("dimension").asText(), score.asInt()));
            }
        }
        return out;
    }

    /** Agreement per labelled dimension, pairing each label with the newest ok judgement of its request. */
    public static Map<String, DimensionAgreement> compute(Iterable<Judgement> judgements, List<HumanLabel> labels) {
        Map<String, Judgement> byRequest = new HashMap<>();
        for (Judgement j : judgements) {
            if (j.status() == JudgementStatus.OK) {
                byRequest.put(j.requestId(), j);
            }
        }
        Map<String, List<int[]>> pairs = new TreeMap<>();
        for (HumanLabel label : labels) {
            Judgement j = byRequest.get(label.requestId());
            Integer judge = j == null ? null : j.dimensions().get(label.dimension());
            if (judge != null) {
                pairs.computeIfAbsent(label.dimension(), d -> new ArrayList<>()).add(new int[]{judge, label.score()});
            }
        }
        Map<String, DimensionAgreement> out = new TreeMap<>();
        pairs.forEach((dimension, list) -> {
            double[] judge = list.stream().mapToDouble(p -> p[0]).toArray();
            double[] human = list.stream().mapToDouble(p -> p[1]).toArray();
            out.put(dimension, new DimensionAgreement(dimension, list.size(), spearman(judge, human),
                    quadraticKappa(list)));
        });
        return out;
    }

    static Double spearman(double[] a, double[] b) {
        if (a.length < 2 || constant(a) || constant(b)) {
            return null;
        }
        return new SpearmansCorrelation().correlation(a, b);
    }

    /** κ_w = 1 − Σ w·O / Σ w·E with w_ij = (i−j)² / (K−1)² and E the product of the marginals. */
    static Double quadraticKappa(List<int[]> pairs) {
        double n = pairs.size();
        if (n == 0) {
            return null;
        }
        double[][] observed = new double[K][K];
        double[] rows = new double[K];
        double[] cols = new double[K];
        for (int[] p : pairs) {
            observed[p[0] - 1][p[1] - 1]++;
            rows[p[0] - 1]++;
            cols[p[1] - 1]++;
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                double w = (double) (i - j) * (i - j) / ((K - 1) * (K - 1));
                num += w * observed[i][j];
                den += w * rows[i] * cols[j] / n;
            }
        }
        return den == 0 ? null : 1 - num / den;
    }

    private static boolean constant(double[] v) {
        for (double x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }
}
