package dev.kiln.app.view;

import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;

/**
 * A place in the window for a view that is made later than the window: empty until {@link #get()}
 * first makes the view and puts it in, filling the slot. So a window can show its first frame
 * before the views a user does not look at first are made (and styled, and laid out).
 *
 * @param <T> the view
 */
public final class Slot<T extends Node> extends StackPane {
    private final Supplier<T> make;
    private T view;

    public Slot(Supplier<T> make) {
        this.make = make;
    }

    /** The view, made and put in the slot now if it was not yet (FX thread). */
    public T get() {
        if (view == null) {
            view = make.get();
            getChildren().add(view);
        }
        return view;
    }
}
