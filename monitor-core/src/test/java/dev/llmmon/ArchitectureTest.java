package dev.llmmon;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The import graph of llmmon-core, kept as the architecture says (docs/architecture.md): packages form no cycle, core knows nothing of Maven, JUnit or rendering libraries, OkHttp stays in the internal HTTP package, and no
 * public API outside an {@code internal} package shows an internal or OkHttp type in its signatures.
 */
public class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.llmmon");

    @Test
    void packagesFormNoCycle() {
        slices().assignedFrom(PACKAGES_WITH_THEIR_INTERNALS).should().beFreeOfCycles().check(CORE);
    }

    /**
     * Each package is a slice, except that an {@code internal} package belongs to the package above it: a public
     * package and its implementation may use each other (OkHttp's okhttp3 and okhttp3.internal), nothing else may.
     */
    private static final SliceAssignment PACKAGES_WITH_THEIR_INTERNALS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            String name = type.getPackageName();
            int internal = name.indexOf(".internal");
            if (internal > 0 && !name.equals("dev.llmmon.internal") && !name.startsWith("dev.llmmon.internal.")) {
                name = name.substring(0, internal);
            }
            return name.startsWith("dev.llmmon") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "packages, each with its internal sub-packages";
        }
    };

    @Test
    void coreKnowsNothingOfMavenJUnitOrRendering() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.maven..", "org.junit..", "org.jfree..", "dev.llmmon.report..", "dev.llmmon.maven..",
                        "dev.llmmon.probes..")
                .check(CORE);
    }

    @Test
    void okHttpStaysInTheInternalHttpPackage() {
        noClasses().that().resideOutsideOfPackage("dev.llmmon.internal.http..")
                .should().dependOnClassesThat().resideInAPackage("okhttp3..")
                .check(CORE);
    }

    @Test
    void publicApiShowsNoInternalTypes() {
        classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
                .should(exposeOnly(type -> !type.getPackageName().contains(".internal")
                        && !type.getPackageName().startsWith("okhttp3")))
                .check(CORE);
    }

    @Test
    void everyPackageSaysItsJob() {
        List<String> missing = CORE.stream().map(JavaClass::getPackageName).distinct()
                .filter(p -> CORE.stream().noneMatch(c -> c.getPackageName().equals(p)
                        && c.getSimpleName().equals("package-info")))
                .sorted().toList();
        org.assertj.core.api.Assertions.assertThat(missing).as("packages without package-info.java").isEmpty();
    }

    /** Public and protected members of a public class name only types the predicate accepts. */
    public static ArchCondition<JavaClass> exposeOnly(java.util.function.Predicate<JavaClass> allowed) {
        return new ArchCondition<>("expose only public types in public signatures") {
            @Override
            public void check(JavaClass owner, ConditionEvents events) {
                for (JavaCodeUnit unit : owner.getCodeUnits()) {
                    if (visible(unit.getModifiers())) {
                        Stream.concat(Stream.of(unit.getRawReturnType()), unit.getRawParameterTypes().stream())
                                .map(JavaClass::getBaseComponentType)
                                .filter(t -> !allowed.test(t))
                                .forEach(t -> events.add(SimpleConditionEvent.violated(unit,
                                        unit.getFullName() + " exposes " + t.getName())));
                    }
                }
                for (JavaField field : owner.getFields()) {
                    JavaClass t = field.getRawType().getBaseComponentType();
                    if (visible(field.getModifiers()) && !allowed.test(t)) {
                        events.add(SimpleConditionEvent.violated(field, field.getFullName() + " exposes " + t.getName()));
                    }
                }
            }
        };
    }

    private static boolean visible(java.util.Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }
}
