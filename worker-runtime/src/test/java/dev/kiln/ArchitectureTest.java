package dev.kiln;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the library, as docs/ARCHITECTURE.md draws it: one-way layers and no
 * cycle. The wire protocol is at the bottom (with the OS facts and Kiln's threads below it);
 * the host side and the worker side sit on it and never import each other; the API is on top
 * and nothing inside imports it.
 */
class ArchitectureTest {
    static final JavaClasses KILN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.kiln");

    /** Each package is a slice; the API package {@code dev.kiln} is one too. */
    static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            return SliceIdentifier.of(c.getPackageName());
        }

        @Override
        public String getDescription() {
            return "Kiln's packages";
        }
    };

    @Test
    void thePackagesFormNoCycle() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(KILN);
    }

    @Test
    void theLayersDependOneWay() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("API")
                .definedBy("dev.kiln")
                .layer("Host side")
                .definedBy(
                        "dev.kiln.launch..", "dev.kiln.host..", "dev.kiln.eval..", "dev.kiln.ssh..", "dev.kiln.deps..")
                .layer("Worker side")
                .definedBy("dev.kiln.worker..")
                .layer("Wire")
                .definedBy("dev.kiln.wire..")
                .layer("Base")
                .definedBy("dev.kiln.platform..", "dev.kiln.concurrent..", "dev.kiln.os..")
                .whereLayer("API")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Host side")
                .mayOnlyBeAccessedByLayers("API")
                .whereLayer("Worker side")
                .mayOnlyBeAccessedByLayers("API")
                .whereLayer("Wire")
                .mayOnlyBeAccessedByLayers("API", "Host side", "Worker side")
                .whereLayer("Base")
                .mayOnlyBeAccessedByLayers("API", "Host side", "Worker side", "Wire")
                .check(KILN);
    }
}
