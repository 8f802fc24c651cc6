/**
 * What users implement to add a check type: {@link dev.llmmon.probes.spi.Check} (registered in
 * {@code META-INF/services/dev.llmmon.probes.spi.Check}), with what it sees of an answer and what it returns.
 */
package dev.llmmon.probes.spi;
