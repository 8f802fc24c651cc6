/** The llmmon JUnit Platform engine: canary probes and eval cases as tests (issue #5; not built yet). */
package dev.llmmon.probes;
