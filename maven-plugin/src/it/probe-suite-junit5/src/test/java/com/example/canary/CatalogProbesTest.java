package com.example.canary;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The built-in canary catalog replayed from the bundled synthetic cassette: a package selector. */
@Suite
@IncludeEngines("llmmon")
@SelectPackages("dev.llmmon.probes.catalog")
@ConfigurationParameter(key = "llmmon.model", value = "demo-model")
@ConfigurationParameter(key = "llmmon.cassette", value = "classpath:dev/llmmon/probes/demo/catalog.cassette.jsonl")
class CatalogProbesTest {
}
