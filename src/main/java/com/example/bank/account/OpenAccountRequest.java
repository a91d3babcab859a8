package com.example.bank.account;

import com.example.bank.money.CurrencyCode;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /accounts}. A customer opens an account for itself: {@code ownerId} absent (or its own
 * subject) and no opening balance. A teller opens one for {@code ownerId}, with an opening deposit in minor
 * units of the currency, recorded in the ledger.
 */
public record OpenAccountRequest(
        @Size(min = 1, max = 255) String ownerId,
        @NotBlank @Size(max = 200) String ownerName,
        @NotNull @CurrencyCode String currency,
        @PositiveOrZero Long openingBalance) {

    long openingDeposit() {
        return openingBalance == null ? 0 : openingBalance;
    }
}
