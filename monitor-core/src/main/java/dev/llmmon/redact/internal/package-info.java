/** The finders behind {@link dev.llmmon.redact.Redactor}: one per kind, each returning candidate spans. */
package dev.llmmon.redact.internal;
