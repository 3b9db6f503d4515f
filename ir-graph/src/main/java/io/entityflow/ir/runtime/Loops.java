package io.entityflow.ir.runtime;

import java.util.ArrayList;
import java.util.List;

/** Support for loops in split code. */
public final class Loops {
    private Loops() {
    }

    /**
     * The elements of an iterable, copied: an enhanced {@code for} whose body makes remote calls keeps
     * its position as an index into this copy, since an iterator cannot be saved in a frame.
     */
    public static <E> List<E> snapshot(Iterable<? extends E> iterable) {
        List<E> copy = new ArrayList<>();
        for (E element : iterable) {
            copy.add(element);
        }
        return copy;
    }
}
