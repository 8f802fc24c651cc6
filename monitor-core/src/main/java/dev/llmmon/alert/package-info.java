/**
 * The alert model: an {@link dev.llmmon.alert.Alert} with its kind, severity and evidence windows, as every detector reports it.
 */
package dev.llmmon.alert;
