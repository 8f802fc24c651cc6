/**
 * Internal plumbing: number formatting shared by core's messages and llmmon-report's text reports. Not an API;
 * it may change in any release.
 */
package dev.llmmon.internal.text;
