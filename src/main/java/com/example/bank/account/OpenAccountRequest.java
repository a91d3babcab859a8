package com.example.bank.account;

import com.example.bank.money.CurrencyCode;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /accounts}; the opening balance is in minor units of the currency. */
public record OpenAccountRequest(
        @NotBlank @Size(max = 200) String ownerName,
        @NotNull @CurrencyCode String currency,
        @NotNull @PositiveOrZero Long openingBalance) {
}
