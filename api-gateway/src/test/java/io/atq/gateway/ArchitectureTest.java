package io.atq.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The gateway's package structure, checked on the compiled classes: no cycles, and a core that knows no adapter. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.atq.gateway");

    /** Frameworks and transports only adapters and wiring may use. */
    private static final String[] ADAPTER_TECHNOLOGY = {
            "org.springframework..", "reactor..", "io.netty..", "com.rabbitmq.."};

    @Test
    void packagesHaveNoCycles() {
        // (**) makes every package its own slice, nested ones too (webhooks.http apart from webhooks);
        // "io.atq.(**)" also takes in the root package, which "io.atq.gateway.(**)" would leave out.
        slices().matching("io.atq.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void webhookCoreKnowsNeitherItsAdaptersNorTheirTechnology() {
        noClasses().that().resideInAPackage("io.atq.gateway.webhooks")
                .should().dependOnClassesThat().resideInAnyPackage("io.atq.gateway.webhooks.http..",
                        "io.atq.gateway.webhooks.rabbit..", "io.atq.gateway.web..", "io.atq.gateway.config..")
                .orShould().dependOnClassesThat().resideInAnyPackage(ADAPTER_TECHNOLOGY)
                .check(CLASSES);
    }

    @Test
    void readModelAndDecisionsUseNoFramework() {
        noClasses().that().resideInAnyPackage("io.atq.gateway.tasks", "io.atq.gateway.tenancy",
                        "io.atq.gateway.idempotency", "io.atq.gateway.directors", "io.atq.gateway.evidence",
                        "io.atq.gateway.bundles")
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTER_TECHNOLOGY)
                .check(CLASSES);
    }

    @Test
    void onlyTheWiringReadsTheGatewaySettings() {
        noClasses().that().resideOutsideOfPackage("io.atq.gateway.config")
                .should().dependOnClassesThat().resideInAPackage("io.atq.gateway.config")
                .check(CLASSES);
    }
}
