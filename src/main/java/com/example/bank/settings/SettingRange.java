package com.example.bank.settings;

import java.time.Duration;

/**
 * The range checks of this service's settings, run at start by the bean that uses them; a value out of range
 * stops the start with a message naming the setting.
 * <p>
 * Why not Bean Validation annotations on the {@code @ConfigMapping} interfaces: with any constraint on a
 * mapping, Quarkus bootstraps Hibernate Validator while it builds the configuration, on the main thread of
 * every start, before anything else (0.29 s of the 1.0 s the main thread spends starting with the AOT cache,
 * measured with a profiler). Requests are still validated by annotations; only the settings are checked here.
 */
public final class SettingRange {

    private SettingRange() {
    }

    public static void requireBetween(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be from " + min + " to " + max);
        }
    }

    public static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be at least " + min);
        }
    }

    public static void requireAtLeast(String name, Duration value, Duration min) {
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(
                    name + " is " + value.toMillis() + " ms; it must be at least " + min.toMillis() + " ms");
        }
    }
}
