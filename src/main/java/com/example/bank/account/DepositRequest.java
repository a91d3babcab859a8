package com.example.bank.account;

import com.example.bank.money.CurrencyCode;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Body of {@code POST /accounts/{id}/deposits}: minor units of the account's currency, which must be named. */
public record DepositRequest(
        @NotNull @Positive Long amount,
        @NotNull @CurrencyCode String currency) {
}
