package io.dialer.telephony;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** asterisk-java lives only in the telephony feature: everything else speaks the TelephonyPort. */
class AsteriskJavaConfinementTest {

    @Test
    void only_telephony_imports_asterisk_java() {
        JavaClasses service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dialer");
        noClasses().that().resideOutsideOfPackage("io.dialer.telephony..")
                .should().dependOnClassesThat().resideInAPackage("org.asteriskjava..")
                .check(service);
    }
}
