package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.CompilationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run says about itself: its separator in the output, its lines and errors in editor terms. */
class ResultEntryTest {
    @Test
    void theSeparatorNamesTheRunByNumberAndFirstLineCutWithAnEllipsis() {
        assertThat(new ResultEntry("divide(1, 0)", ResultEntry.Place.START, 3).separator())
                .isEqualTo("— run 3: divide(1, 0) —");
        assertThat(new ResultEntry("\n  int a = 1;\nint b = 2;", ResultEntry.Place.START, 4).separator())
                .isEqualTo("— run 4: int a = 1; … —");
        String longLine = "x".repeat(100);
        String cut = new ResultEntry(longLine, ResultEntry.Place.START, 5).separator();
        assertThat(cut).isEqualTo("— run 5: " + "x".repeat(ResultEntry.SEPARATOR_CODE_LENGTH - 1) + " … —");
    }

    @Test
    void aRunsLinesAreToldAsEditorLines() {
        ResultEntry e = new ResultEntry("a\nb", new ResultEntry.Place(40, 4, 0), 1);
        assertThat(e.editorLine(1)).isEqualTo(5);
        assertThat(e.editorLine(2)).isEqualTo(6);
    }

    @Test
    void compileErrorsAreToldInEditorLinesAndColumns() {
        ResultEntry.Place place = new ResultEntry.Place(57, 4, 12);
        List<CompilationException.Diagnostic> diags = List.of(
                new CompilationException.Diagnostic(1, 9, 8, 11, "incompatible types"),
                new CompilationException.Diagnostic(2, 3, 20, 21, "missing return"));
        assertThat(EditorPositions.describe(diags, place))
                .isEqualTo("line 5, column 21: incompatible types\nline 6, column 3: missing return");
    }
}
