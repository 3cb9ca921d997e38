package io.dialer.engine.schedule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Scheduling and the result taxonomy are plain Java: only java.* and the engine itself. */
class SchedulePurityTest {

    @Test
    void schedule_and_result_depend_only_on_the_jdk() {
        JavaClasses engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dialer.engine.schedule", "io.dialer.engine.result");
        classes().that().resideInAnyPackage("io.dialer.engine.schedule..", "io.dialer.engine.result..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.dialer.engine..")
                .check(engine);
    }
}
