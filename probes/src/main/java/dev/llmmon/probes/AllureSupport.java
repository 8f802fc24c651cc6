package dev.llmmon.probes;

import dev.llmmon.probes.run.ProbeResult;
import dev.llmmon.probes.spec.Probe;

/** Allure labels and attachments when allure-java-commons is on the classpath; nothing otherwise. */
final class AllureSupport {
    private AllureSupport() {
    }

    static void report(Probe probe, ProbeResult result) {
    }
}
