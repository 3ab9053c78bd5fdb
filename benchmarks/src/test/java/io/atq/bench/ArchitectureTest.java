package io.atq.bench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The benchmarks' packages, checked on the compiled classes: a package split off later cannot form a cycle. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.atq.bench");

    @Test
    void packagesHaveNoCycles() {
        // "io.atq.(**)": the root package io.atq.bench is a slice too ("io.atq.bench.(**)" would match no class today).
        slices().matching("io.atq.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
