/**
 * Internal plumbing, not API: the project's configured Jackson mappers, so every module reads and writes JSON and
 * YAML with the same settings. May change without notice.
 */
package dev.llmmon.internal.json;
