package dev.kiln.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which classes user code may never get from Kiln, and what telling them apart costs. */
class UserCodeLoaderTest {
    @Test
    void everyPackageOfKilnsRuntimeButItsApiIsKnownAsInternal() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.kiln")) {
            packages.add(c.getPackageName());
        }
        packages.removeAll(Set.of("dev.kiln", "dev.kiln.platform")); // the API, which user code sees
        assertThat(UserCodeLoader.KILN_INTERNALS).containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void aUserClassInAPackageNamedLikeKilnsCostsNoLookupInKilnsRuntime() {
        AskedLoader kiln = new AskedLoader();
        UserCodeLoader loader = new UserCodeLoader(kiln, "", Path.of(""));

        assertThat(loader.isKilnRuntime("dev.kiln.bench.Bench")).isFalse();
        assertThat(loader.isKilnRuntime("com.example.Main")).isFalse();
        assertThat(kiln.asked).as("resources asked of Kiln's runtime").isEmpty();

        assertThat(loader.isKilnRuntime("dev.kiln.worker.WorkerAgent")).isTrue();
        assertThat(loader.isKilnRuntime("dev.kiln.worker.WorkerAgent$CallTask")).isTrue();
        assertThat(loader.isKilnRuntime("dev.kiln.worker.NoSuchClass"))
                .as("a user's own class in an internal package that the runtime lacks")
                .isFalse();
        assertThat(loader.isKilnRuntime("com.esotericsoftware.kryo.Kryo")).isTrue();
        assertThat(loader.isKilnRuntime("dev.kiln.Worker")).as("the API").isFalse();
    }

    /** Kiln's runtime loader, noting each resource it is asked for. */
    private static final class AskedLoader extends ClassLoader {
        final List<String> asked = new ArrayList<>();

        AskedLoader() {
            super(UserCodeLoaderTest.class.getClassLoader());
        }

        @Override
        public URL getResource(String name) {
            asked.add(name);
            return super.getResource(name);
        }
    }
}
