/** What users implement and llmmon finds or is handed: embedders, and the other extension points of the monitor. */
package dev.llmmon.spi;
