/**
 * Control charts over the series: the detection plan (chart, baseline, family ARL), the charts' calibration, and the replay that turns out-of-control episodes into alerts.
 */
package dev.llmmon.charting;
