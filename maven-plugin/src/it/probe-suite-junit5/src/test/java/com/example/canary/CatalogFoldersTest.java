package com.example.canary;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The same probes through the llmmon.probes.dirs parameter (which replaces the suite's selectors). */
@Suite
@IncludeEngines("llmmon")
@SelectPackages("com.example.canary")
@ConfigurationParameter(key = "llmmon.probes.dirs", value = "classpath:dev/llmmon/probes/catalog")
@ConfigurationParameter(key = "llmmon.model", value = "demo-model")
@ConfigurationParameter(key = "llmmon.cassette", value = "classpath:dev/llmmon/probes/demo/catalog.cassette.jsonl")
class CatalogFoldersTest {
}
