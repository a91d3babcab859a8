package com.example.bank.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.example.bank.transfer.BalanceOverflowException;
import com.example.bank.transfer.CurrencyMismatchException;
import com.example.bank.transfer.InsufficientFundsException;
import com.example.bank.transfer.InvalidAmountException;
import com.example.bank.transfer.SameAccountException;
import com.example.bank.transfer.Transfer;

/** The business rules of {@link Account#transfer}, on entities that are not persisted. */
class AccountTest {

    @Test
    void movesTheAmountAndDescribesTheTransfer() {
        Account from = account("USD", 1000);
        Account to = account("USD", 250);

        Transfer transfer = from.transfer(to, 100, "USD");

        assertEquals(900, from.balance);
        assertEquals(350, to.balance);
        assertEquals(from.id, transfer.fromAccountId);
        assertEquals(to.id, transfer.toAccountId);
        assertEquals(100, transfer.amount);
        assertEquals("USD", transfer.currency);
    }

    @Test
    void rejectsAmountsThatAreNotPositive() {
        Account from = account("USD", 1000);
        Account to = account("USD", 0);

        assertRejectedUnchanged(InvalidAmountException.class, () -> from.transfer(to, 0, "USD"), from, to);
        assertRejectedUnchanged(InvalidAmountException.class, () -> from.transfer(to, -1, "USD"), from, to);
        assertRejectedUnchanged(InvalidAmountException.class, () -> from.transfer(to, Long.MIN_VALUE, "USD"), from, to);
    }

    @Test
    void rejectsATransferToItself() {
        Account account = account("USD", 1000);

        assertRejectedUnchanged(SameAccountException.class, () -> account.transfer(account, 1, "USD"), account, account);
    }

    @Test
    void rejectsMixedCurrencies() {
        Account dollars = account("USD", 1000);
        Account euros = account("EUR", 1000);
        Account moreDollars = account("USD", 1000);

        assertRejectedUnchanged(CurrencyMismatchException.class, () -> dollars.transfer(euros, 1, "USD"), dollars, euros);
        assertRejectedUnchanged(CurrencyMismatchException.class, () -> euros.transfer(dollars, 1, "EUR"), euros, dollars);
        assertRejectedUnchanged(CurrencyMismatchException.class, () -> dollars.transfer(moreDollars, 1, "EUR"), dollars, moreDollars);
    }

    @Test
    void rejectsOverdrafts() {
        Account from = account("USD", 99);
        Account to = account("USD", 0);

        assertRejectedUnchanged(InsufficientFundsException.class, () -> from.transfer(to, 100, "USD"), from, to);
    }

    @Test
    void rejectsABalanceBeyondALong() {
        Account from = account("USD", 10);
        Account full = account("USD", Long.MAX_VALUE - 5);

        assertRejectedUnchanged(BalanceOverflowException.class, () -> from.transfer(full, 6, "USD"), from, full);
        from.transfer(full, 5, "USD");
        assertEquals(Long.MAX_VALUE, full.balance);
    }

    @Test
    void refusesANegativeOpeningBalance() {
        assertThrows(InvalidAmountException.class, () -> Account.open("Debtor", "USD", -1));
    }

    private static Account account(String currency, long balance) {
        Account account = Account.open("Owner", currency, balance);
        account.id = UUID.randomUUID();
        return account;
    }

    private static void assertRejectedUnchanged(Class<? extends RuntimeException> expected, Executable transfer,
            Account from, Account to) {
        long fromBefore = from.balance;
        long toBefore = to.balance;
        assertThrows(expected, transfer);
        assertEquals(fromBefore, from.balance);
        assertEquals(toBefore, to.balance);
    }
}
