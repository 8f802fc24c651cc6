/**
 * Distribution drift and anomaly detection: the statistical tests, the per-record collectors (daily columns, provider behaviour, sampled inputs) and the detectors built on them.
 */
package dev.llmmon.drift;
