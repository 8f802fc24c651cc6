package dev.llmmon.evalcases;

import dev.llmmon.evals.EvalCase;
import dev.llmmon.evals.EvalCheck;
import org.junit.jupiter.params.ParameterizedTest;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user writes: their own parameterized test driven by the suite's cases. */
class EvalCaseSourceTest {

    @ParameterizedTest
    @EvalCaseSource("evals/support-chat")
    void everySupportChatCaseArrivesRedactedWithItsProvenance(EvalCase c) {
        assertThat(c.featureId()).isEqualTo("support-chat");
        assertThat(c.id()).startsWith("ev-support-chat-");
        assertThat(c.input()).doesNotContainPattern("[\\w.+-]+@[\\w-]+\\.[\\w.]+");
        assertThat(c.provenance()).isNotNull();
        assertThat(c.checks()).anyMatch(EvalCheck::referencesBadOutput);
    }

    @ParameterizedTest
    @EvalCaseSource(value = {"evals"}, tags = "exported")
    void theWholeSuiteIsReachableByTag(EvalCase c) {
        assertThat(c.tags()).contains("exported");
    }

    @org.junit.jupiter.api.Test
    void aFolderWithoutCasesIsAnErrorNotAnEmptySuite() {
        EvalCaseArgumentsProvider p = new EvalCaseArgumentsProvider();
        p.accept(annotation("evals/no-such-feature"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.provideArguments(null).count())
                .hasMessageContaining("evals/no-such-feature").hasMessageContaining("no eval cases");
    }

    private static EvalCaseSource annotation(String folder) {
        return new EvalCaseSource() {
            @Override
            public String[] value() {
                return new String[] {folder};
            }

            @Override
            public String[] tags() {
                return new String[0];
            }

            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return EvalCaseSource.class;
            }
        };
    }
}
