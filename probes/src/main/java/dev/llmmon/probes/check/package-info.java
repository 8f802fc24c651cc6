/** The built-in checks of probe answers and the registry that adds the user checks found by {@link java.util.ServiceLoader}. */
package dev.llmmon.probes.check;
