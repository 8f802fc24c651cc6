/** Plumbing of the gate: the baseline cache and the gate.md / gate.json writers. No compatibility promise. */
package dev.llmmon.probes.gate.internal;
