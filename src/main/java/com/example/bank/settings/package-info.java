/**
 * What every feature's settings share: their range checks ({@link com.example.bank.settings.SettingRange}).
 * Imports nothing from the service.
 */
package com.example.bank.settings;
