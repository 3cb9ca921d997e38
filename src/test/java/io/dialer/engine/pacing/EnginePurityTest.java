package io.dialer.engine.pacing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The pacing engine and simulator are plain Java: only java.* and the engine itself. */
class EnginePurityTest {

    @Test
    void pacing_and_simulation_depend_only_on_the_jdk() {
        JavaClasses engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dialer.engine.pacing", "io.dialer.engine.sim");
        classes().that().resideInAnyPackage("io.dialer.engine.pacing..", "io.dialer.engine.sim..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.dialer.engine..")
                .check(engine);
    }
}
