/** Statistical tests shared by llmmon's detectors (log drift and provider changes, probe history), each written once. */
package dev.llmmon.stats;
