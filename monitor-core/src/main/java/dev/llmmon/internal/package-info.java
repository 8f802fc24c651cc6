/**
 * Plumbing shared by llmmon's own modules (the JSON mapper, the HTTP retry loop, number formatting, the version,
 * {@code classpath:} and file locations): no compatibility promise, not for users' code.
 */
package dev.llmmon.internal;
