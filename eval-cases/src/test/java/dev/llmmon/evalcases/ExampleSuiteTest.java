package dev.llmmon.evalcases;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * This repository's example suite (exported from the synthetic demo data) through the llmmon engine, offline: the
 * bundled cassette answers the model and the judge, MiniLM embeds for {@code not-similar}. A case that fails fails
 * the module's build, as it would in a user's project.
 */
@Suite
@IncludeEngines("llmmon")
@SelectPackages("evals")
@ConfigurationParameter(key = "llmmon.model", value = ExampleCassette.MODEL)
@ConfigurationParameter(key = "llmmon.judge.model", value = ExampleCassette.JUDGE)
@ConfigurationParameter(key = "llmmon.embedding.model", value = "minilm")
@ConfigurationParameter(key = "llmmon.cassette", value = "classpath:evals.cassette.jsonl")
class ExampleSuiteTest {
}
