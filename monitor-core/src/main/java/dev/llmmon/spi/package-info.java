/**
 * What users implement to extend llmmon, and llmmon finds (ServiceLoader) or is handed: a
 * {@link dev.llmmon.spi.Detector} with its per-record {@link dev.llmmon.spi.Collector}, an
 * {@link dev.llmmon.spi.AlertSink}, an {@link dev.llmmon.spi.Embedder}.
 */
package dev.llmmon.spi;
