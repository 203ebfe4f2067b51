package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's document without JavaFX: files are read and written on the calling thread. */
class EditorDocumentTest {
    @TempDir
    Path dir;

    private final List<Notice> notices = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    private final List<String> shown = new ArrayList<>();
    private final EditorDocument document = new EditorDocument(Ui.direct(), Runnable::run, n -> {
        notices.add(n);
        told.add(n.text());
    });

    @Test
    void startsWithTheTextKeptFromLastTimeElseTheSample() {
        assertThat(EditorDocument.startText("int kept = 1;")).isEqualTo("int kept = 1;");
        assertThat(EditorDocument.startText(null)).isEqualTo(EditorDocument.SAMPLE);
        assertThat(document.file()).isEmpty();
        assertThat(document.titleProperty().get()).isEqualTo("Kiln");
    }

    @Test
    void openingAFileShowsItsTextAndNamesItInTheTitle() throws Exception {
        Path f = Files.writeString(dir.resolve("demo.jsh"), "1 + 1\n", StandardCharsets.UTF_8);
        document.open(f, shown::add).join();
        assertThat(shown).containsExactly("1 + 1\n");
        assertThat(document.file()).contains(f);
        assertThat(document.titleProperty().get()).isEqualTo("demo.jsh — Kiln");
        assertThat(document.isModified()).isFalse();
        assertThat(told).isEmpty();
    }

    @Test
    void aFileThatCannotBeReadChangesNothingAndTheUserIsToldWhy() {
        Path missing = dir.resolve("missing.jsh");
        assertThat(document.open(missing, shown::add)).isCompletedExceptionally();
        assertThat(shown).isEmpty();
        assertThat(document.file()).isEmpty();
        assertThat(document.titleProperty().get()).isEqualTo("Kiln");
        assertThat(told)
                .singleElement()
                .asString()
                .startsWith("Could not open " + missing + ": ")
                .contains("NoSuchFileException");
        assertThat(notices)
                .singleElement()
                .satisfies(n -> assertThat(n.isError()).isTrue());
    }

    @Test
    void savingWritesTheTextMakesItTheDocumentsFileAndSaysSo() throws Exception {
        Path f = dir.resolve("saved.jsh");
        document.textChanged("int x = 1;\n");
        document.save(f, "int x = 1;\n").join();
        assertThat(Files.readString(f, StandardCharsets.UTF_8)).isEqualTo("int x = 1;\n");
        assertThat(document.file()).contains(f);
        assertThat(document.titleProperty().get()).isEqualTo("saved.jsh — Kiln");
        assertThat(told).containsExactly("Saved " + f);
        assertThat(notices)
                .singleElement()
                .satisfies(n -> assertThat(n.isError()).as("information").isFalse());
    }

    @Test
    void aFailedSaveKeepsTheFileBeforeAndSaysWhy() throws Exception {
        Path f = Files.writeString(dir.resolve("first.jsh"), "a", StandardCharsets.UTF_8);
        document.open(f, shown::add).join();
        Path intoMissingFolder = dir.resolve("no/such/folder/x.jsh");
        assertThat(document.save(intoMissingFolder, "b")).isCompletedExceptionally();
        assertThat(document.file()).contains(f);
        assertThat(told).singleElement().asString().startsWith("Could not save " + intoMissingFolder + ": ");
    }

    @Test
    void editsOfAFileMarkTheTitleUntilSavedAndUndoingThemClearsTheMark() throws Exception {
        Path f = Files.writeString(dir.resolve("demo.jsh"), "1 + 1\n", StandardCharsets.UTF_8);
        document.open(f, document::textChanged).join();
        document.textChanged("1 + 2\n");
        assertThat(document.isModified()).isTrue();
        assertThat(document.titleProperty().get()).isEqualTo("• demo.jsh — Kiln");
        document.textChanged("1 + 1\n");
        assertThat(document.isModified()).as("back to the file's text").isFalse();
        assertThat(document.titleProperty().get()).isEqualTo("demo.jsh — Kiln");
        document.textChanged("1 + 3\n");
        document.save(f, "1 + 3\n").join();
        assertThat(document.isModified()).isFalse();
        assertThat(document.titleProperty().get()).isEqualTo("demo.jsh — Kiln");
    }

    @Test
    void untitledTextIsUnsavedUnlessBlankOrTheSample() {
        document.textChanged(EditorDocument.SAMPLE);
        assertThat(document.isModified()).isFalse();
        assertThat(document.titleProperty().get()).isEqualTo("Kiln");
        document.textChanged("int mine = 1;");
        assertThat(document.isModified()).isTrue();
        assertThat(document.titleProperty().get()).isEqualTo("• Untitled — Kiln");
        document.newDocument(shown::add);
        assertThat(shown).containsExactly("");
        assertThat(document.isModified()).isFalse();
        assertThat(document.file()).isEmpty();
        assertThat(document.titleProperty().get()).isEqualTo("Kiln");
    }
}
