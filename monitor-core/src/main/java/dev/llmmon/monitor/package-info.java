/**
 * The monitoring job: configuration, the run that reads, aggregates and detects, thresholds and the verdict.
 */
package dev.llmmon.monitor;
