/** Plumbing of {@link dev.llmmon.probes.ProbeLauncher}, not meant for users: the summary listener and the Allure hook-up. */
package dev.llmmon.probes.internal;
