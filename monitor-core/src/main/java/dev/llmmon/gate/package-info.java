/**
 * The model-upgrade gate's statistics: is the candidate model worse than the baseline on the same cases?
 * Paired pass/fail outcomes per case ({@link McNemar}, Tango's score interval, design effect of clusters by
 * {@link ClusterRobust}), paired scores ({@link Wilcoxon}, {@link PairedBootstrap}), a non-inferiority margin and
 * floors per feature, {@link Holm} across features, {@link Power} before spending, and an anytime-valid
 * {@link SequentialGate}. Pure computation: the runner and the Maven goal live elsewhere.
 */
package dev.llmmon.gate;
