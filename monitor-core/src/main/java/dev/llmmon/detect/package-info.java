/**
 * The control-chart statistics: EWMA, CUSUM and the legacy rule, baselines, episodes and run-length calibration, over plain series points.
 */
package dev.llmmon.detect;
