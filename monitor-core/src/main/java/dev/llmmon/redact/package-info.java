/**
 * Redaction of production text before it is written anywhere (eval cases, reports, Allure results, failure
 * messages): {@link dev.llmmon.redact.Redactor} replaces e-mail addresses, phone numbers, payment cards, IBANs, IP
 * addresses, API keys, JWTs, US SSNs and user patterns by typed, numbered placeholders ({@code <EMAIL_1>}), stable
 * within a {@link dev.llmmon.redact.Scope}. {@link dev.llmmon.redact.JsonlRedaction} scrubs a JSONL file.
 * Always redact first, then truncate ({@link dev.llmmon.redact.Redactor#truncate}).
 */
package dev.llmmon.redact;
