package dev.llmmon.triage.internal;

import dev.llmmon.internal.Version;
import dev.llmmon.triage.TriageConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The respond and learn steps as commands to paste: export the reviewed real cases, then gate the fix with them. */
final class Commands {
    private Commands() {
    }

    static List<String> prepare(TriageConfig config, String feature, String model, Path bundle) {
        String plugin = "mvn dev.llmmon:llmmon-maven-plugin:" + Version.get();
        Path base = config.logs().baseDir().toAbsolutePath().normalize();
        String logs = String.join(",", config.logs().logs());
        String judgements = config.judgements() == null ? ".llmmon/judgements.jsonl" : relative(base, config.judgements());
        String export = plugin + ":export-evals -Dllmmon.logs=" + logs + " -Dllmmon.judgements=" + judgements
                + " -Dllmmon.evals.bundle=" + relative(base, bundle);
        String slug = feature.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^[-.]+|-+$", "");
        String gate = plugin + ":gate -Dllmmon.evals=eval-cases/src/test/resources/evals/"
                + ("*".equals(feature) || slug.isEmpty() ? "" : slug) + " -Dllmmon.gate.baselineModel="
                + ("*".equals(model) ? "<current model>" : model) + " -Dllmmon.gate.candidateModel=<the fix>";
        return List.of(export, gate);
    }

    private static String relative(Path base, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}
