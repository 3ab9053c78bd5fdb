package io.atq.director;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The director's package structure, checked on the compiled classes: no cycles, and a core (the task engine and its
 * decisions) that reaches Docker and RabbitMQ only through its own interfaces.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.atq.director");

    /** The engine, its decisions and the intake's decision; adapters and wiring live elsewhere. */
    private static final String[] CORE = {
            "io.atq.director.orchestration", "io.atq.director.reaper", "io.atq.director.capacity",
            "io.atq.director.readiness", "io.atq.director.intake", "io.atq.director.evidence", "io.atq.director.storage"};

    private static final DescribedPredicate<JavaClass> USING_DOCKER_JAVA = DescribedPredicate.describe("use docker-java",
            type -> type.getDirectDependenciesFromSelf().stream()
                    .anyMatch(dependency -> dependency.getTargetClass().getPackageName().startsWith("com.github.dockerjava")));

    @Test
    void packagesHaveNoCycles() {
        // (**) makes every package its own slice, nested ones too (intake.rabbit apart from intake);
        // "io.atq.(**)" also takes in the root package, which "io.atq.director.(**)" would leave out.
        slices().matching("io.atq.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void coreUsesNeitherDockerJavaNorSpringNorReactor() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.github.dockerjava..", "org.springframework..", "reactor..", "com.rabbitmq..")
                .check(CLASSES);
    }

    @Test
    void coreReachesTheSwarmOnlyThroughClassesFreeOfDockerJava() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat(USING_DOCKER_JAVA)
                .check(CLASSES);
    }

    @Test
    void coreKnowsNoWiring() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("io.atq.director.config..", "io.atq.director.intake.rabbit..")
                .check(CLASSES);
    }
}
