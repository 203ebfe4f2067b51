package dev.kiln.app.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The lines an output view shows: an observable list over a circular array of at most {@code cap}
 * elements (the PDFsam log view's capped list). Appending past the cap drops the oldest lines in
 * the same change, at a cost that does not depend on how many lines are kept: an
 * {@code ArrayList}-backed observable list removes a range one element at a time, each shifting
 * the rest: through a flood, that froze the window. Listeners
 * see a removal from the top and an addition at the end, so a view can keep its place. Read-only
 * to others; changed on the UI thread only.
 */
final class LineRing<E> extends ObservableListBase<E> {
    private final Object[] ring;
    private int head;
    private int size;

    LineRing(int cap) {
        this.ring = new Object[cap];
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        return (E) ring[(head + index) % ring.length];
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Appends {@code add} in one change, dropping from the top what no longer fits; returns how
     * many lines were dropped, those of {@code add} that never fitted included.
     */
    int append(List<E> add) {
        if (add.isEmpty()) {
            return 0;
        }
        int over = Math.max(0, size + add.size() - ring.length);
        int fromKept = Math.min(over, size);
        beginChange();
        try {
            if (fromKept > 0) {
                List<E> removed = new ArrayList<>(fromKept);
                for (int i = 0; i < fromKept; i++) {
                    removed.add(get(i));
                    ring[(head + i) % ring.length] = null;
                }
                head = (head + fromKept) % ring.length;
                size -= fromKept;
                nextRemove(0, removed);
            }
            int from = size;
            for (int i = Math.max(0, add.size() - ring.length); i < add.size(); i++) {
                ring[(head + size) % ring.length] = add.get(i);
                size++;
            }
            nextAdd(from, size);
        } finally {
            endChange();
        }
        return over;
    }

    /** Removes and returns the element at {@code index}; cheap near the end, where it is used. */
    E removeAt(int index) {
        E gone = get(index);
        for (int i = index; i < size - 1; i++) {
            ring[(head + i) % ring.length] = ring[(head + i + 1) % ring.length];
        }
        ring[(head + size - 1) % ring.length] = null;
        size--;
        beginChange();
        try {
            nextRemove(index, gone);
        } finally {
            endChange();
        }
        return gone;
    }

    @Override
    public void clear() {
        if (size == 0) {
            return;
        }
        List<E> removed = new ArrayList<>(this);
        Arrays.fill(ring, null);
        head = 0;
        size = 0;
        beginChange();
        try {
            nextRemove(0, removed);
        } finally {
            endChange();
        }
    }
}
