package dev.llmmon.gate;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction: controls the chance of calling any feature worse when none is, without Bonferroni's
 * loss of power. Adjusted p of the i-th smallest of m: max over j &lt;= i of min(1, (m - j + 1) p_(j)), as R's
 * {@code p.adjust(p, "holm")}.
 */
public final class Holm {
    private Holm() {
    }

    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " must be in [0, 1], was " + p[i]);
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
