package dev.llmmon.report;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.llmmon.ArchitectureTest;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The report module's side of the import graph: JFreeChart stays behind {@code report.internal}. */
class ReportArchitectureTest {
    private static final JavaClasses REPORT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.llmmon.report");

    @Test
    void jfreeChartOnlyInTheInternalPackage() {
        noClasses().that().resideOutsideOfPackage("dev.llmmon.report.internal..")
                .should().dependOnClassesThat().resideInAPackage("org.jfree..")
                .check(REPORT);
    }

    @Test
    void publicApiShowsNoInternalOrChartType() {
        classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
                .should(ArchitectureTest.exposeOnly(type -> !type.getPackageName().contains(".internal")
                        && !type.getPackageName().startsWith("org.jfree")))
                .check(REPORT);
    }
}
