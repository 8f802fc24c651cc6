/**
 * The llmmon JUnit Platform engine: canary probes as tests (see docs/probes.md). Entry points: {@link
 * dev.llmmon.probes.LlmmonTestEngine} under a test run, {@link dev.llmmon.probes.ProbeLauncher} from plain Java;
 * keys in {@link dev.llmmon.probes.Constants}.
 */
package dev.llmmon.probes;
