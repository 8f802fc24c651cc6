/**
 * Metric series per feature, model and metric, built from the window metrics, and the series store that keeps their history across runs.
 */
package dev.llmmon.series;
