/**
 * Judge quality at the sample sizes users judge: a one-sided EWMA over individual judge scores in request-time
 * order (not hourly windows, which a 5% sample leaves nearly empty), its Phase I baseline and its limits computed
 * for the scores' own discrete distribution; the {@link dev.llmmon.quality.QualityDropDetector} that runs it per
 * feature and model. See docs/detectors.md "Judge quality".
 */
package dev.llmmon.quality;
