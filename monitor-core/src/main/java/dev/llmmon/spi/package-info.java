/**
 * What users implement to extend the monitor: {@link dev.llmmon.spi.Detector} (with its per-record
 * {@link dev.llmmon.spi.Collector}) and {@link dev.llmmon.spi.AlertSink}.
 */
package dev.llmmon.spi;
