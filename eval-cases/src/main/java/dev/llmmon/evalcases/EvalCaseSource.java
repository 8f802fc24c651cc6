package dev.llmmon.evalcases;

import org.junit.jupiter.params.provider.ArgumentsSource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One argument per eval case found in the named classpath folders ({@code *.eval.yaml}, {@code *.eval.yml},
 * {@code *.eval.json}, {@code *.eval.jsonl}, sub-folders included), in file-name order, each named by its case id:
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EvalCaseSource("evals/support-chat")          // src/test/resources/evals/support-chat/
 * void answersWell(EvalCase c) {
 *     String answer = supportBot.answer(c.input());
 *     assertThat(answer).isNotEqualTo(c.badOutput());
 * }
 * }</pre>
 *
 * A file that fails the eval-case schema fails the test with its file, line and field; a folder without cases fails
 * it too (a typo must not pass as an empty suite).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(EvalCaseArgumentsProvider.class)
public @interface EvalCaseSource {
    /** Classpath folders, e.g. {@code evals/support-chat}. */
    String[] value();

    /** Only cases with at least one of these tags; empty: all. */
    String[] tags() default {};
}
