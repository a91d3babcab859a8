package com.example.bank.transfer;

import java.util.UUID;

import com.example.bank.money.CurrencyCode;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Body of {@code POST /transfers}. The currency is required so that a client can never move euros while
 * thinking it moves dollars: it must match both accounts.
 */
public record TransferRequest(
        @NotNull UUID fromAccountId,
        @NotNull UUID toAccountId,
        @NotNull @Positive Long amount,
        @NotNull @CurrencyCode String currency) {
}
