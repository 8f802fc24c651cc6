package dev.llmmon.triage.internal;

import dev.llmmon.stats.FisherExact;
import dev.llmmon.triage.ScopeResult;
import dev.llmmon.triage.ScopedSlice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which slices explain a regression, in the spirit of MacroBase's explanation operator (risk ratio with a minimum
 * support) and Slice Finder (slices of one or two features, tested, ranked by effect size).
 *
 * <p>Each slice (one dimension value, or a pair of values of two dimensions) with at least {@code minSupport} units
 * in the window is compared with its own reference-period rate (a slice new in the window, such as a new prompt
 * version, with its parent's or the whole population's): a one-sided Fisher exact test that the window's rate is
 * higher, Holm-corrected over every slice tested. The significant slices are ranked by the one-sided 95% lower bound
 * of their risk ratio (effect size with its uncertainty). The explanation is picked greedily by evidence: the slice
 * with the smallest p (a slice inside the true one has the same effect on fewer units, one around it a diluted
 * effect: both have larger p), then the strongest of what its removal leaves (tested at the round-one Bonferroni
 * level), and so on, so "only sql-assist on prompt v8" is one line and not also "sql-assist"
 * and "v8" and every pair inside them.
 */
public final class SliceScoper {
    private static final double Z_ONE_SIDED_95 = 1.6448536269514722;
    private static final int MAX_EXPLANATION = 5;
    private static final int MAX_SIGNIFICANT_LISTED = 50;

    /**
     * One unit: its value per dimension ({@code null}: none), whether it is in the window (else the reference), bad.
     */
    public record Unit(String[] values, boolean inWindow, boolean bad) {
    }

    private final int minSupport;
    private final double alpha;
    private final int maxValuesPerKey;

    public SliceScoper(int minSupport, double alpha, int maxValuesPerKey) {
        this.minSupport = minSupport;
        this.alpha = alpha;
        this.maxValuesPerKey = maxValuesPerKey;
    }

    public ScopeResult scope(List<String> dimensions, List<Unit> units) {
        long nw = 0, bw = 0, nr = 0, br = 0;
        for (Unit u : units) {
            if (u.inWindow()) {
                nw++;
                bw += u.bad() ? 1 : 0;
            } else {
                nr++;
                br += u.bad() ? 1 : 0;
            }
        }
        // dimensions with too many values in the window are ids or free text: not sliced
        List<Integer> used = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int d = 0; d < dimensions.size(); d++) {
            Set<String> values = new LinkedHashSet<>();
            for (Unit u : units) {
                if (u.inWindow() && u.values()[d] != null) {
                    values.add(u.values()[d]);
                }
            }
            if (values.size() > maxValuesPerKey) {
                skipped.add(dimensions.get(d) + " (" + values.size() + " values)");
            } else if (!values.isEmpty()) {
                used.add(d);
            }
        }
        Slices slices = new Slices(dimensions, used, units);
        double overallRef = nr == 0 ? Double.NaN : (double) br / nr;
        double totalExcess = nr == 0 ? Double.NaN : bw - nw * overallRef;

        long[][] counts = slices.count(new boolean[units.size()]);
        List<Tested> round = test(slices, counts, nw, new long[]{nr, br}, totalExcess);
        int m = round.size();
        holm(round);
        List<Tested> significant = round.stream().filter(t -> t.adjusted <= alpha && t.riskRatio > 1)
                .sorted(RANKING).toList();
        List<ScopedSlice> explanation = new ArrayList<>();
        if (!significant.isEmpty()) {
            boolean[] removed = new boolean[units.size()];
            Tested pick = round.stream().filter(t -> t.adjusted <= alpha && t.riskRatio > 1).min(EVIDENCE).get();
            while (pick != null && explanation.size() < MAX_EXPLANATION) {
                pick = generalize(slices, units, removed, pick, m, totalExcess);
                explanation.add(pick.slice(slices));
                slices.remove(pick.id, removed);
                long[][] rest = slices.count(removed);
                long restW = 0, restNr = 0, restBr = 0;
                for (int i = 0; i < units.size(); i++) {
                    if (!removed[i]) {
                        if (units.get(i).inWindow()) {
                            restW++;
                        } else {
                            restNr++;
                            restBr += units.get(i).bad() ? 1 : 0;
                        }
                    }
                }
                double level = alpha / Math.max(1, m);
                pick = test(slices, rest, restW, new long[]{restNr, restBr}, totalExcess).stream()
                        .filter(t -> t.p <= level && t.riskRatio > 1).min(EVIDENCE).orElse(null);
                if (pick != null) {
                    pick.adjusted = Math.min(1, pick.p * m);
                }
            }
        }
        List<String> dimensionNames = used.stream().map(dimensions::get).toList();
        return new ScopeResult(explanation, significant.stream().limit(MAX_SIGNIFICANT_LISTED)
                .map(t -> t.slice(slices)).toList(), m, dimensionNames, skipped, nw, bw, nr, br,
                summary(explanation, m, nw, bw, nr, br));
    }


    /**
     * Widens a pick while the regression reaches beyond it: among the slices holding every window unit of the pick,
     * the largest whose remainder (its units outside the pick) is itself significantly worse than its reference, at
     * the round-one Bonferroni level. A model's share of a feature picked for its stronger rise becomes the feature
     * when the feature's other models rose too; an interaction (only f2 on p4) stays, since f2's and p4's other units
     * did not move.
     */
    private Tested generalize(Slices slices, List<Unit> units, boolean[] removed, Tested pick, int m,
                              double totalExcess) {
        double level = alpha / Math.max(1, m);
        Tested current = pick;
        for (int step = 0; step < 2; step++) {
            int[] containing = null;
            long windowLeft = 0;
            for (int u = 0; u < units.size(); u++) {
                windowLeft += !removed[u] && units.get(u).inWindow() ? 1 : 0;
            }
            for (int u = 0; u < units.size(); u++) {
                if (removed[u] || !units.get(u).inWindow() || !slices.contains(u, current.id)) {
                    continue;
                }
                int[] own = slices.of(u);
                containing = containing == null ? own.clone() : intersect(containing, own);
            }
            if (containing == null) {
                return current;
            }
            Tested wider = null;
            for (int candidate : containing) {
                if (candidate == current.id) {
                    continue;
                }
                long[] rest = new long[4];
                long[] whole = new long[4];
                for (int u = 0; u < units.size(); u++) {
                    if (removed[u] || !slices.contains(u, candidate)) {
                        continue;
                    }
                    Unit unit = units.get(u);
                    int offset = unit.inWindow() ? 0 : 2;
                    whole[offset]++;
                    whole[offset + 1] += unit.bad() ? 1 : 0;
                    if (!slices.contains(u, current.id)) {
                        rest[offset]++;
                        rest[offset + 1] += unit.bad() ? 1 : 0;
                    }
                }
                if (whole[0] <= current.nw || whole[0] >= windowLeft || rest[0] < minSupport || rest[2] < minSupport) {
                    continue;
                }
                double p = FisherExact.lowerTail(Math.toIntExact(rest[1]), Math.toIntExact(rest[0]),
                        Math.toIntExact(rest[3]), Math.toIntExact(rest[2]));
                boolean rose = (double) rest[1] / rest[0] > (double) rest[3] / rest[2];
                if (p <= level && rose && (wider == null || whole[0] > wider.nw)) {
                    wider = tested(slices, candidate, whole, totalExcess);
                    wider.adjusted = Math.min(1, wider.p * m);
                }
            }
            if (wider == null) {
                return current;
            }
            current = wider;
        }
        return current;
    }

    private Tested tested(Slices slices, int id, long[] c, double totalExcess) {
        Tested t = new Tested();
        t.id = id;
        t.key = slices.key(id);
        t.arity = slices.parents(id).length == 2 ? 2 : 1;
        t.nw = c[0];
        t.bw = c[1];
        t.nr = c[2];
        t.br = c[3];
        t.referenceOf = "itself";
        double a = t.bw + 0.5, n1 = t.nw + 1, r = t.br + 0.5, n2 = t.nr + 1;
        t.riskRatio = (a / n1) / (r / n2);
        double se = Math.sqrt(Math.max(0, 1 / a - 1 / n1 + 1 / r - 1 / n2));
        t.lower = Math.exp(Math.log(t.riskRatio) - Z_ONE_SIDED_95 * se);
        t.p = FisherExact.lowerTail(Math.toIntExact(t.bw), Math.toIntExact(t.nw), Math.toIntExact(t.br),
                Math.toIntExact(t.nr));
        t.adjusted = Double.NaN;
        double excess = t.bw - t.nw * ((double) t.br / t.nr);
        t.excessShare = totalExcess > 0 ? excess / totalExcess : Double.NaN;
        return t;
    }

    private static int[] intersect(int[] a, int[] b) {
        return Arrays.stream(a).filter(x -> Arrays.stream(b).anyMatch(y -> y == x)).toArray();
    }

    private static String summary(List<ScopedSlice> explanation, int m, long nw, long bw, long nr, long br) {
        if (explanation.isEmpty()) {
            return String.format(Locale.ROOT, "nothing stands out: no slice's rate rose significantly (%d slices"
                    + " tested, Holm-corrected); window %d/%d, reference %d/%d", m, bw, nw, br, nr);
        }
        StringBuilder s = new StringBuilder();
        for (ScopedSlice e : explanation) {
            s.append(s.length() == 0 ? "" : "; then ").append(String.format(Locale.ROOT,
                    "%s: %.1f%% -> %.1f%% (risk ratio %.1f, %.0f%% of the excess)", e.label(),
                    100 * e.referenceRate(), 100 * e.windowRate(), e.riskRatio(), 100 * e.excessShare()));
        }
        return s.toString();
    }

    /**
     * What the explanation picks: the strongest evidence. The true slice has the whole effect and all its units; a
     * slice inside it has the same effect on fewer units, one around it a diluted effect: both have larger p.
     */
    private static final Comparator<Tested> EVIDENCE = Comparator.comparingDouble((Tested t) -> t.p)
            .thenComparingInt(t -> t.arity).thenComparingLong(t -> -t.nw).thenComparing(t -> t.key);

    /** How the significant slices are listed: by effect size, the lower bound of the risk ratio. */
    private static final Comparator<Tested> RANKING = Comparator.comparingDouble((Tested t) -> -t.lower)
            .thenComparingLong(t -> -t.nw).thenComparingInt(t -> t.arity).thenComparing(t -> t.key);

    /** A slice's numbers in one round. */
    private static final class Tested {
        int id;
        String key;
        int arity;
        long nw, bw, nr, br;
        String referenceOf;
        double riskRatio, lower, p, adjusted, excessShare;

        ScopedSlice slice(Slices s) {
            return new ScopedSlice(s.dimensions(id), nw, bw, nr, br, referenceOf, riskRatio, lower,
                    (double) bw / nw - (nr == 0 ? Double.NaN : (double) br / nr), p, adjusted, excessShare);
        }
    }

    private List<Tested> test(Slices slices, long[][] counts, long windowTotal, long[] overall, double totalExcess) {
        List<Tested> out = new ArrayList<>();
        for (int id = 0; id < slices.size(); id++) {
            long[] c = counts[id];
            if (c[0] < minSupport || c[0] >= windowTotal) {
                continue; // too small to tell, or the whole window: it scopes nothing
            }
            int[] parents = slices.parents(id);
            if (parents.length == 2 && (same(c, counts[parents[0]]) || same(c, counts[parents[1]]))) {
                continue; // the pair is one of its values' slices under another name
            }
            Tested t = new Tested();
            t.id = id;
            t.key = slices.key(id);
            t.arity = parents.length == 2 ? 2 : 1;
            t.nw = c[0];
            t.bw = c[1];
            long[] ref = null;
            if (c[2] >= minSupport) {
                ref = new long[]{c[2], c[3]};
                t.referenceOf = "itself";
            } else {
                for (int parent : parents) {
                    if (parent != id && counts[parent][2] >= minSupport) {
                        ref = new long[]{counts[parent][2], counts[parent][3]};
                        t.referenceOf = slices.key(parent);
                        break;
                    }
                }
            }
            if (ref == null) {
                if (overall[0] < minSupport) {
                    continue;
                }
                ref = overall;
                t.referenceOf = "all";
            }
            t.nr = ref[0];
            t.br = ref[1];
            double a = t.bw + 0.5, n1 = t.nw + 1, r = t.br + 0.5, n2 = t.nr + 1;
            t.riskRatio = (a / n1) / (r / n2);
            double se = Math.sqrt(Math.max(0, 1 / a - 1 / n1 + 1 / r - 1 / n2));
            t.lower = Math.exp(Math.log(t.riskRatio) - Z_ONE_SIDED_95 * se);
            t.p = FisherExact.lowerTail(Math.toIntExact(t.bw), Math.toIntExact(t.nw), Math.toIntExact(t.br),
                    Math.toIntExact(t.nr));
            double excess = t.bw - t.nw * ((double) t.br / t.nr);
            t.excessShare = totalExcess > 0 ? excess / totalExcess : Double.NaN;
            out.add(t);
        }
        return out;
    }

    private static boolean same(long[] a, long[] b) {
        return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
    }

    /** Holm's step-down adjustment, in place. */
    static void holm(List<Tested> tested) {
        List<Tested> byP = new ArrayList<>(tested);
        byP.sort(Comparator.comparingDouble(t -> t.p));
        int m = byP.size();
        double running = 0;
        for (int i = 0; i < m; i++) {
            running = Math.max(running, Math.min(1, (m - i) * byP.get(i).p));
            byP.get(i).adjusted = running;
        }
    }

    /** Every slice of one or two dimension values, with each unit's slice ids computed once. */
    private static final class Slices {
        private final List<String> dimensionNames;
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> keys = new ArrayList<>();
        private final List<int[]> dims = new ArrayList<>();
        private final List<String[]> values = new ArrayList<>();
        private final List<int[]> parents = new ArrayList<>();
        private final int[][] unitSlices;
        private final List<Unit> units;

        Slices(List<String> dimensionNames, List<Integer> used, List<Unit> units) {
            this.dimensionNames = dimensionNames;
            this.units = units;
            this.unitSlices = new int[units.size()][];
            int[] buffer = new int[used.size() * (used.size() + 1) / 2];
            int[] single = new int[used.size()];
            for (int u = 0; u < units.size(); u++) {
                String[] v = units.get(u).values();
                int k = 0;
                for (int i = 0; i < used.size(); i++) {
                    String vi = v[used.get(i)];
                    single[i] = vi == null ? -1 : id(new int[]{used.get(i)}, new String[]{vi}, null);
                    if (single[i] >= 0) {
                        buffer[k++] = single[i];
                    }
                }
                for (int i = 0; i < used.size(); i++) {
                    for (int j = i + 1; j < used.size(); j++) {
                        if (single[i] >= 0 && single[j] >= 0) {
                            buffer[k++] = id(new int[]{used.get(i), used.get(j)},
                                    new String[]{v[used.get(i)], v[used.get(j)]}, new int[]{single[i], single[j]});
                        }
                    }
                }
                unitSlices[u] = Arrays.copyOf(buffer, k);
            }
        }

        private int id(int[] d, String[] v, int[] parentIds) {
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < d.length; i++) {
                key.append(i == 0 ? "" : "\u0001").append(d[i]).append('=').append(v[i]);
            }
            String k = key.toString();
            Integer id = ids.get(k);
            if (id == null) {
                id = keys.size();
                ids.put(k, id);
                keys.add(k);
                dims.add(d);
                values.add(v);
                parents.add(parentIds == null ? new int[]{id} : parentIds);
            }
            return id;
        }

        int size() {
            return keys.size();
        }

        String key(int id) {
            return dimensions(id).toString();
        }

        int[] parents(int id) {
            return parents.get(id);
        }

        Map<String, String> dimensions(int id) {
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < dims.get(id).length; i++) {
                out.put(dimensionNames.get(dims.get(id)[i]), values.get(id)[i]);
            }
            return out;
        }

        /** Per slice: window units, window bad, reference units, reference bad, over the units not removed. */
        long[][] count(boolean[] removed) {
            long[][] c = new long[keys.size()][4];
            for (int u = 0; u < unitSlices.length; u++) {
                if (removed[u]) {
                    continue;
                }
                Unit unit = units.get(u);
                int offset = unit.inWindow() ? 0 : 2;
                int bad = unit.bad() ? 1 : 0;
                for (int s : unitSlices[u]) {
                    c[s][offset]++;
                    c[s][offset + 1] += bad;
                }
            }
            return c;
        }

        int[] of(int unit) {
            return unitSlices[unit];
        }

        boolean contains(int unit, int id) {
            for (int s : unitSlices[unit]) {
                if (s == id) {
                    return true;
                }
            }
            return false;
        }

        void remove(int id, boolean[] removed) {
            for (int u = 0; u < unitSlices.length; u++) {
                if (!removed[u]) {
                    for (int s : unitSlices[u]) {
                        if (s == id) {
                            removed[u] = true;
                            break;
                        }
                    }
                }
            }
        }
    }
}
