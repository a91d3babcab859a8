package com.example.bank.settings;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SettingRangeTest {

    @Test
    void acceptsTheBoundsThemselves() {
        assertDoesNotThrow(() -> SettingRange.requireBetween("bank.transfer.lanes", 1, 1, 256));
        assertDoesNotThrow(() -> SettingRange.requireBetween("bank.transfer.lanes", 256, 1, 256));
        assertDoesNotThrow(() -> SettingRange.requireAtLeast("bank.auth.verified-token-cache-size", 0, 0));
        assertDoesNotThrow(() -> SettingRange.requireAtLeast("bank.database.lock-timeout", Duration.ZERO, Duration.ZERO));
    }

    @Test
    void refusesAValueOutOfRangeNamingTheSetting() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> SettingRange.requireBetween("bank.transfer.lanes", 257, 1, 256));
        assertEquals("bank.transfer.lanes is 257; it must be from 1 to 256", tooMany.getMessage());

        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> SettingRange.requireAtLeast("bank.auth.verified-token-cache-seconds", -1, 0));
        assertEquals("bank.auth.verified-token-cache-seconds is -1; it must be at least 0", negative.getMessage());

        IllegalArgumentException instant = assertThrows(IllegalArgumentException.class,
                () -> SettingRange.requireAtLeast("bank.transfer.deadline", Duration.ZERO, Duration.ofMillis(1)));
        assertEquals("bank.transfer.deadline is 0 ms; it must be at least 1 ms", instant.getMessage());
    }
}
