package com.example.bank.paging;

import java.util.List;
import java.util.function.Function;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One page of a list. {@code next} is the cursor of the following page, to send back as {@code after}; null
 * on the last page. Knowing whether there is a next page comes from fetching one row more than asked, which
 * avoids a {@code count(*)} on every request.
 */
@RegisterForReflection
public record Page<T>(List<T> items, int size, String next) {

    public static final int MAX_SIZE = 100;

    /** {@code rows}: up to {@code size + 1} rows, in list order, read after the request's cursor. */
    public static <E, T> Page<T> of(List<E> rows, int size, Function<E, Cursor> cursorOf, Function<E, T> toItem) {
        List<E> page = rows.subList(0, Math.min(size, rows.size()));
        String next = rows.size() > size ? cursorOf.apply(page.get(page.size() - 1)).encode() : null;
        return new Page<>(page.stream().map(toItem).toList(), size, next);
    }
}
