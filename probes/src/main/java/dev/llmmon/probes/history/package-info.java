/**
 * Behaviour fingerprints of probe runs and the silent-change detector over them: {@link
 * dev.llmmon.probes.history.SilentChangeDetector} compares the latest probe run with earlier runs of the same probe
 * (pass rate, bare-JSON rate, output length, semantic shift). Not to be confused with core's
 * {@code dev.llmmon.drift.ProviderChanges}, which looks for the same kind of change in production logs
 * (refusal and JSON rates, token histograms, system fingerprints per day); both use core's {@code dev.llmmon.stats}.
 */
package dev.llmmon.probes.history;
