/**
 * Where alerts go: the dispatcher that writes alerts.json first and then sends to each sink, and the built-in sinks (log, Slack-compatible webhook).
 */
package dev.llmmon.alert.sink;
