/** The llmmon JUnit Platform engine: canary probes as tests (see docs/probes.md). Entry point: {@link dev.llmmon.probes.LlmmonTestEngine}; keys in {@link dev.llmmon.probes.Constants}. */
package dev.llmmon.probes;
