package com.example.bank.paging;

import java.util.List;
import java.util.function.Function;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One page of a list, numbered from 0. {@code hasNext} comes from fetching one row more than asked, which
 * avoids a {@code count(*)} over the whole table on every request.
 */
@RegisterForReflection
public record Page<T>(List<T> items, int page, int size, boolean hasNext) {

    public static final int MAX_SIZE = 100;
    public static final int MAX_PAGE = 100_000;

    public static <E, T> Page<T> of(PanacheQuery<E> query, int page, int size, Function<E, T> toItem) {
        int first = page * size;
        List<E> rows = query.range(first, first + size).list();
        boolean hasNext = rows.size() > size;
        List<T> items = rows.stream().limit(size).map(toItem).toList();
        return new Page<>(items, page, size, hasNext);
    }
}
