package dev.kiln.app.view;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * Keeps a growing list's last line in view while the user follows it, as a terminal does: after
 * every layout, a list that follows is scrolled to its end. The user stops following by moving up
 * (wheel, scroll bar, keys) and follows again once back at the bottom. While the user reads higher
 * up, lines the cap drops from the top do not move what they read: the view keeps its first line.
 */
final class TailFollower {
    private final ListView<?> list;
    private final ListChangeListener<Object> dropped = this::onChange;
    private boolean following = true;
    /** The user moved the view: decide after the layout whether they are at the bottom. */
    private boolean reconsider;
    /** ...and they moved up or dragged: not at the bottom means they stopped following. */
    private boolean mayStop;
    /** The index of the first line on screen while not following, kept across lines dropped from the top. */
    private int anchor = -1;
    /** Lines came or went, or following began, since the view last went to the end. */
    private boolean changed = true;

    private final Runnable afterLayout = this::afterLayout;
    private VirtualFlow<?> flow;

    TailFollower(ListView<?> list) {
        this.list = list;
        list.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(afterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(afterLayout);
            }
        });
        Scene scene = list.getScene();
        if (scene != null) {
            scene.addPostLayoutPulseListener(afterLayout);
        }
        list.addEventFilter(ScrollEvent.SCROLL, e -> moved(e.getDeltaY() > 0));
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (onScrollBar(e)) {
                moved(true);
            }
        });
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (onScrollBar(e)) {
                moved(true);
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case UP, PAGE_UP, HOME, KP_UP -> moved(true);
                case DOWN, PAGE_DOWN, END, KP_DOWN -> moved(false);
                default -> {}
            }
        });
    }

    /** Follows {@code items} from now on, at its end. */
    @SuppressWarnings("unchecked")
    void watch(ObservableList<?> before, ObservableList<?> items) {
        if (before != null) {
            ((ObservableList<Object>) before).removeListener(dropped);
        }
        if (items != null) {
            ((ObservableList<Object>) items).addListener(dropped);
        }
        follow();
    }

    /** Follows the tail again (a worker shown anew). */
    void follow() {
        following = true;
        anchor = -1;
        changed = true;
        list.requestLayout();
    }

    /** Stops following: the view shows something the user went to (a match of the find bar). */
    void stop() {
        following = false;
        anchor = -1;
    }

    /** Whether the view follows the tail now. */
    boolean isFollowing() {
        return following;
    }

    private void moved(boolean upOrDrag) {
        reconsider = true;
        mayStop |= upOrDrag;
    }

    private static boolean onScrollBar(MouseEvent e) {
        for (Object at = e.getTarget(); at instanceof Node n; at = n.getParent()) {
            if (n instanceof ScrollBar) {
                return true;
            }
        }
        return false;
    }

    /** Lines dropped from the top while the user reads higher up: the first line on screen stays. */
    private void onChange(ListChangeListener.Change<?> c) {
        changed = true;
        if (following || anchor < 0) {
            return;
        }
        int removedFromTop = 0;
        while (c.next()) {
            if (c.wasRemoved() && !c.wasAdded() && c.getFrom() == 0) {
                removedFromTop += c.getRemovedSize();
            }
        }
        if (removedFromTop > 0) {
            anchor = Math.max(0, anchor - removedFromTop);
            list.scrollTo(anchor);
        }
    }

    private void afterLayout() {
        if (flow == null) {
            flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        }
        if (flow == null || !list.isVisible()) {
            return;
        }
        int n = list.getItems().size();
        boolean atBottom = atBottom(flow, n);
        if (reconsider) {
            boolean stop = mayStop;
            reconsider = false;
            mayStop = false;
            if (atBottom) {
                following = true;
                changed = true;
            } else if (stop) {
                following = false;
            }
        }
        if (following) {
            anchor = -1;
            // Once per change: a view that cannot get further down is not asked again every frame.
            if (changed && !atBottom) {
                flow.scrollTo(n - 1); // the last line whole at the bottom (the list's scrollTo puts it on top)
            }
            changed = false;
        } else {
            IndexedCell<?> first = flow.getFirstVisibleCell();
            anchor = first == null ? -1 : first.getIndex();
        }
    }

    /** Whether the last line is on screen, whole. */
    private static boolean atBottom(VirtualFlow<?> flow, int n) {
        if (n == 0) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (last == null || last.getIndex() < n - 1) {
            return false;
        }
        // The viewport: the flow less its horizontal scroll bar, if one shows.
        Node viewport = flow.lookup(".clipped-container");
        double height = viewport instanceof Region r ? r.getHeight() : flow.getHeight();
        return last.getLayoutY() + last.getHeight() <= height + 1;
    }
}
