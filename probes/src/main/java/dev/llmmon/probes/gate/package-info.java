/**
 * The model-upgrade gate: runs one suite of probes (and eval cases) on a baseline and a candidate model through
 * {@link dev.llmmon.probes.ProbeLauncher}, pairs the per-case outcomes and lets core's
 * {@code dev.llmmon.gate.GateStatistics} decide whether the candidate is worse. {@link GateLauncher#run} is what the
 * {@code llmmon:gate} goal calls; baseline results are cached so a rerun pays only for the candidate.
 */
package dev.llmmon.probes.gate;
