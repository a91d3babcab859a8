package com.example.bank.database;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters for an {@code IN (...)} list, their count rounded up to a power of two by repeating the last
 * one. Queries then come in a handful of shapes, each parsed and planned once (by Hibernate, by the JDBC
 * driver's prepared statements, by the database) and reused, instead of one new shape per list length.
 */
public final class PaddedInList {

    private PaddedInList() {
    }

    /** {@code values}, not empty, padded to 2, 4, 8, … elements. */
    public static <T> List<T> of(List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        int size = values.size() <= 2 ? 2 : Integer.highestOneBit(values.size() - 1) << 1;
        List<T> padded = new ArrayList<>(size);
        padded.addAll(values);
        while (padded.size() < size) {
            padded.add(values.get(values.size() - 1));
        }
        return padded;
    }
}
