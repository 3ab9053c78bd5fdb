package io.atq.contracts;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package structure of contracts, checked on the compiled classes: the build fails on a package cycle. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.atq.contracts");

    @Test
    void packagesHaveNoCycles() {
        // (**) makes every package its own slice, nested ones too; "io.atq.(**)" also takes in the root package,
        // which "io.atq.contracts.(**)" would leave out.
        slices().matching("io.atq.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
