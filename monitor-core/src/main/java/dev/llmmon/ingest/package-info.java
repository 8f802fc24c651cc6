/**
 * Reading exported request logs: {@link dev.llmmon.ingest.Ingest} streams files (plain, gzip, zstd, rotated
 * folders) through a {@link dev.llmmon.ingest.LogReader} and counts every line it cannot use in
 * {@link dev.llmmon.ingest.Rejections}, by reason. Implement {@code LogReader} to read a format of your own.
 */
package dev.llmmon.ingest;
