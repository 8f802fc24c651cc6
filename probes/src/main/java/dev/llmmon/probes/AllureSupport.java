package dev.llmmon.probes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.internal.json.Json;
import dev.llmmon.probes.run.Attempt;
import dev.llmmon.probes.run.ProbeResult;
import dev.llmmon.probes.spec.Probe;
import dev.llmmon.redact.Redactor;
import dev.llmmon.redact.Scope;

/**
 * Allure labels, parameters and attachments for a probe, when allure-java-commons is on the classpath and the Allure
 * listener (allure-junit-platform / allure-junit5) has a test case open on this thread; otherwise nothing. Prompts,
 * answers and check details are redacted by core's {@link dev.llmmon.redact.Redactor}, one numbering scope per probe.
 */
final class AllureSupport {
    private static final boolean PRESENT = present();

    private AllureSupport() {
    }

    private static boolean present() {
        try {
            Class.forName("io.qameta.allure.Allure", false, AllureSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static void report(Probe probe, ProbeResult result) {
        if (PRESENT) {
            Calls.report(probe, result);
        }
    }

    /** Check results of every call as JSON, redacted. */
    static String checksJson(ProbeResult result) {
        return checksJson(result, Redactor.standard().scope());
    }

    static String checksJson(ProbeResult result, Scope scope) {
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (Attempt a : result.attempts()) {
            ObjectNode n = calls.addObject();
            n.put("repeat", a.repeat() + 1).put("passed", a.passed());
            if (a.error() != null) {
                n.put("error", scope.redact(a.error()).text());
            }
            ObjectNode checks = n.putObject("checks");
            a.checks().forEach((name, r) -> checks.putObject(name).put("status", r.status().name().toLowerCase(java.util.Locale.ROOT))
                    .put("detail", scope.redact(r.detail()).text()));
            if (a.response() != null) {
                n.put("latency_ms", a.response().latency() == null ? null : a.response().latency().toMillis());
                n.put("input_tokens", a.response().usage().inputTokens()).put("output_tokens", a.response().usage().outputTokens());
            }
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(calls);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Touches Allure classes only when they are present. */
    private static final class Calls {
        static void report(Probe probe, ProbeResult result) {
            var lifecycle = io.qameta.allure.Allure.getLifecycle();
            if (lifecycle.getCurrentTestCase().isEmpty()) {
                return;
            }
            if (probe.feature() != null) {
                io.qameta.allure.Allure.feature(probe.feature());
            }
            io.qameta.allure.Allure.label("severity", probe.severity() == dev.llmmon.probes.spec.Severity.MAJOR
                    ? "normal" : probe.severity().wireName());
            io.qameta.allure.Allure.parameter("model", result.model());
            io.qameta.allure.Allure.parameter("repeat", probe.repeat());
            io.qameta.allure.Allure.parameter("pass rate", result.passRate().toString());
            if (probe.description() != null) {
                io.qameta.allure.Allure.description(probe.description());
            }
            String prompt = (probe.system() == null ? "" : "[system]\n" + probe.system() + "\n\n") + "[user]\n" + probe.input();
            Scope scope = Redactor.standard().scope();
            io.qameta.allure.Allure.attachment("prompt", scope.redact(prompt).text());
            for (Attempt a : result.attempts()) {
                if (a.response() != null) {
                    io.qameta.allure.Allure.attachment("output " + (a.repeat() + 1), scope.redact(a.response().text()).text());
                }
            }
            io.qameta.allure.Allure.attachment("checks.json", checksJson(result, scope));
        }
    }
}
