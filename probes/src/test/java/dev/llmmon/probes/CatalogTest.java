package dev.llmmon.probes;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in canary catalog validates, covers its categories and passes offline against the synthetic demo cassette. */
class CatalogTest {
    static final String DEMO_CASSETTE = "classpath:dev/llmmon/probes/demo/catalog.cassette.jsonl";

    @Test
    void catalogIsDiscoveredWithoutIssuesAndCoversTheCategories() {
        // selecting the whole dev.llmmon.probes package must skip the schema and the cassette
        EngineDiscoveryResults d = EngineTestKit.engine(Constants.ENGINE_ID)
                .selectors(DiscoverySelectors.selectPackage("dev.llmmon.probes")).discover();
        assertThat(d.getDiscoveryIssues()).isEmpty();
        List<TestDescriptor> tests = d.getEngineDescriptor().getDescendants().stream()
                .filter(TestDescriptor::isTest).map(TestDescriptor.class::cast).toList();
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        assertThat(tests).extracting(TestDescriptor::getDisplayName).contains("format-json-object",
                "format-json-array-schema", "refuse-weapon-instructions", "answer-benign-kill-process",
                "instruction-one-word", "arithmetic-multiplication", "extraction-email", "multilingual-french",
                "length-control-short");
        assertThat(tests).allSatisfy(t -> assertThat(t.getTags()).contains(TestTag.create("canary")));
    }

    @Test
    void catalogPassesInReplayAgainstTheBundledSyntheticCassette() {
        var results = EngineTestKit.engine(Constants.ENGINE_ID)
                .configurationParameter(Constants.MODEL, "demo-model")
                .configurationParameter(Constants.CASSETTE, DEMO_CASSETTE)
                .selectors(DiscoverySelectors.selectPackage("dev.llmmon.probes.catalog")).execute();
        results.testEvents().assertStatistics(s -> s.started(12).succeeded(12).failed(0).aborted(0));
    }

    @Test
    void replayingTheDemoCassetteForAnotherModelMissesClearly() {
        var results = EngineTestKit.engine(Constants.ENGINE_ID)
                .configurationParameter(Constants.MODEL, "gpt-4o-mini")
                .configurationParameter(Constants.CASSETTE, DEMO_CASSETTE)
                .selectors(DiscoverySelectors.selectClasspathResource("dev/llmmon/probes/catalog/format.yaml")).execute();
        results.testEvents().assertStatistics(s -> s.started(2).failed(2));
    }
}
