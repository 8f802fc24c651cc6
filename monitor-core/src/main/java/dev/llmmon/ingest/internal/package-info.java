/**
 * Internal, not API: the readers of the native, OTLP/JSON and mapped formats, of signals and change events, and
 * the byte-level line, number and string plumbing they share. May change without notice.
 */
package dev.llmmon.ingest.internal;
