package dev.llmmon.evalcases;

import dev.llmmon.evals.EvalCase;
import dev.llmmon.evals.EvalCaseReader;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.commons.support.Resource;
import org.junit.platform.commons.PreconditionViolationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the cases of {@link EvalCaseSource}'s folders with core's validating reader. */
final class EvalCaseArgumentsProvider implements ArgumentsProvider, AnnotationConsumer<EvalCaseSource> {
    private List<String> folders = List.of();
    private Set<String> tags = Set.of();

    @Override
    public void accept(EvalCaseSource source) {
        folders = Arrays.stream(source.value()).map(f -> f.strip().replaceAll("^/+|/+$", "")).toList();
        tags = Set.of(source.tags());
    }

    @Override
    @SuppressWarnings("deprecation") // the one-argument form is what JUnit 5.10-5.12 call; 5.13+ delegate to it
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        List<Arguments> out = new ArrayList<>();
        for (String folder : folders) {
            List<EvalCase> cases = cases(folder);
            if (cases.isEmpty()) {
                throw new PreconditionViolationException("@EvalCaseSource(\"" + folder + "\"): no eval cases (*.eval.yaml,"
                        + " *.eval.yml, *.eval.json, *.eval.jsonl) under that classpath folder");
            }
            cases.stream().filter(c -> tags.isEmpty() || c.tags().stream().anyMatch(tags::contains))
                    .forEach(c -> out.add(Arguments.of(Named.of(c.id(), c))));
        }
        return out.stream();
    }

    /** Every case under {@code folder}, files in name order. */
    static List<EvalCase> cases(String folder) {
        List<Resource> resources = ReflectionSupport.findAllResourcesInPackage(folder.replace('/', '.'),
                r -> EvalCaseReader.isEvalCaseFile(r.getName()));
        List<EvalCase> out = new ArrayList<>();
        resources.stream().sorted(Comparator.comparing(Resource::getName)).forEach(r -> {
            URI uri = r.getUri();
            try (InputStream in = uri.toURL().openStream()) {
                out.addAll(EvalCaseReader.read(in, r.getName()).cases());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + r.getName() + ": " + e.getMessage(), e);
            }
        });
        return out;
    }
}
