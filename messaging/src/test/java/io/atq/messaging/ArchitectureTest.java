package io.atq.messaging;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The messaging module's packages, checked on the compiled classes: no cycles, and a root package free of any broker
 * client or framework, so the apps' cores may catch a {@link PublishException} without reaching an adapter.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.atq.messaging");

    @Test
    void packagesHaveNoCycles() {
        // "io.atq.(**)" also takes in the root package, which "io.atq.messaging.(**)" would leave out.
        slices().matching("io.atq.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theRootPackageUsesNoBrokerClientAndNoFramework() {
        noClasses().that().resideInAPackage("io.atq.messaging")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "com.rabbitmq..", "io.github.resilience4j..", "io.micrometer..",
                        "io.atq.messaging.rabbit..")
                .check(CLASSES);
    }
}
