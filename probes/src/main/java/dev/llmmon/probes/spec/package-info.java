/** Probe files: the YAML/JSON model of probes and checks, and the schema-validating reader. */
package dev.llmmon.probes.spec;
