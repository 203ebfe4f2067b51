package dev.kiln.app.view;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Where the workbench asks the user for a {@code .jsh} file to open or save to. The app uses the
 * OS's file dialogs ({@link #dialogs()}); the UI tests, which cannot drive a native dialog, give
 * their own answers.
 */
public interface FilePicker {
    /** A file to open, starting near {@code near} if given; empty if the user cancelled. */
    Optional<Path> open(Window owner, Optional<Path> near);

    /** A file to save to, suggesting {@code current} if given; empty if the user cancelled. */
    Optional<Path> saveAs(Window owner, Optional<Path> current);

    /** The OS's open and save dialogs, for {@code .jsh} files. */
    static FilePicker dialogs() {
        return new FilePicker() {
            @Override
            public Optional<Path> open(Window owner, Optional<Path> near) {
                FileChooser c = chooser("Open a .jsh file", near);
                return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> saveAs(Window owner, Optional<Path> current) {
                FileChooser c = chooser("Save as .jsh", current);
                current.ifPresent(f -> c.setInitialFileName(f.getFileName().toString()));
                return Optional.ofNullable(c.showSaveDialog(owner)).map(File::toPath);
            }
        };
    }

    private static FileChooser chooser(String title, Optional<Path> near) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter("JShell scripts", "*.jsh"),
                        new FileChooser.ExtensionFilter("All files", "*.*"));
        near.map(Path::toAbsolutePath)
                .map(Path::getParent)
                .map(Path::toFile)
                .filter(File::isDirectory)
                .ifPresent(c::setInitialDirectory);
        return c;
    }
}
