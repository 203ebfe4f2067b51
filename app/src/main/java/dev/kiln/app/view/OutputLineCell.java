package dev.kiln.app.view;

import dev.kiln.app.model.OutputLine;
import dev.kiln.app.model.OutputSearch;
import java.util.List;
import java.util.TreeSet;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * One line of the output view: stderr red, the workbench's marker lines (a run's separator, a
 * restart) apart, typed input in its own style after the prompt, and the find bar's matches
 * highlighted (the current one more strongly). A plain line is drawn as the cell's own text; a line
 * with input or matches as pieces side by side.
 */
final class OutputLineCell extends ListCell<OutputLine> {
    private static final List<String> LINE_CLASSES = List.of("stderr", "marker", "with-input");

    private final OutputSearch search;
    private final HBox pieces = new HBox();

    OutputLineCell(OutputSearch search) {
        this.search = search;
        getStyleClass().add("output-line");
        pieces.setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(OutputLine item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().removeAll(LINE_CLASSES);
        if (empty || item == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        if (item.isError()) {
            getStyleClass().add("stderr");
        } else if (item.marker()) {
            getStyleClass().add("marker");
        }
        List<OutputSearch.Range> matches = search.occurrences(item.text());
        if (matches.isEmpty() && !item.hasInput()) {
            setGraphic(null);
            setText(item.text());
            return;
        }
        if (item.hasInput()) {
            getStyleClass().add("with-input");
        }
        setText(null);
        setGraphic(pieces(item, matches));
    }

    /** The line cut where input starts and where each match starts and ends, each piece styled. */
    private HBox pieces(OutputLine item, List<OutputSearch.Range> matches) {
        String text = item.text();
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, text.length()));
        if (item.hasInput()) {
            cuts.add(Math.min(item.inputFrom(), text.length()));
        }
        for (OutputSearch.Range r : matches) {
            cuts.add(r.start());
            cuts.add(r.end());
        }
        pieces.getChildren().clear();
        Integer from = cuts.first();
        for (Integer to = cuts.higher(from); to != null; from = to, to = cuts.higher(to)) {
            Label piece = new Label(text.substring(from, to));
            piece.setMinWidth(Region.USE_PREF_SIZE);
            piece.getStyleClass().add("output-piece");
            if (item.isError()) {
                piece.getStyleClass().add("stderr");
            }
            if (item.hasInput() && from >= item.inputFrom()) {
                piece.getStyleClass().add("input-echo");
            }
            for (OutputSearch.Range r : matches) {
                if (from >= r.start() && to <= r.end()) {
                    piece.getStyleClass().add("find-match");
                    if (search.isCurrent(getIndex(), r.start())) {
                        piece.getStyleClass().add("find-current");
                    }
                    break;
                }
            }
            pieces.getChildren().add(piece);
        }
        return pieces;
    }
}
