package com.example.bank.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The business rules of {@link Account#transfer} and {@link Account#deposit}, on entities that are not persisted. */
class AccountTest {

    private static final String OWNER = "owner-1";

    @Test
    void movesTheAmountAndDescribesTheTransfer() {
        Account from = account("USD", 1000);
        Account to = account("USD", 250);

        UUID entryId = UUID.randomUUID();
        Transfer transfer = from.transfer(entryId, to, 100, "USD", OWNER);

        assertEquals(entryId, transfer.id);
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

        assertRejectedUnchanged(InvalidAmountException.class, () -> from.transfer(UUID.randomUUID(), to, 0, "USD", OWNER), from, to);
        assertRejectedUnchanged(InvalidAmountException.class, () -> from.transfer(UUID.randomUUID(), to, -1, "USD", OWNER), from, to);
        assertRejectedUnchanged(InvalidAmountException.class, () -> from.transfer(UUID.randomUUID(), to, Long.MIN_VALUE, "USD", OWNER), from, to);
    }

    @Test
    void rejectsATransferToItself() {
        Account account = account("USD", 1000);

        assertRejectedUnchanged(SameAccountException.class, () -> account.transfer(UUID.randomUUID(), account, 1, "USD", OWNER), account, account);
    }

    @Test
    void rejectsMixedCurrencies() {
        Account dollars = account("USD", 1000);
        Account euros = account("EUR", 1000);
        Account moreDollars = account("USD", 1000);

        assertRejectedUnchanged(CurrencyMismatchException.class, () -> dollars.transfer(UUID.randomUUID(), euros, 1, "USD", OWNER), dollars, euros);
        assertRejectedUnchanged(CurrencyMismatchException.class, () -> euros.transfer(UUID.randomUUID(), dollars, 1, "EUR", OWNER), euros, dollars);
        assertRejectedUnchanged(CurrencyMismatchException.class, () -> dollars.transfer(UUID.randomUUID(), moreDollars, 1, "EUR", OWNER), dollars, moreDollars);
    }

    @Test
    void rejectsOverdrafts() {
        Account from = account("USD", 99);
        Account to = account("USD", 0);

        assertRejectedUnchanged(InsufficientFundsException.class, () -> from.transfer(UUID.randomUUID(), to, 100, "USD", OWNER), from, to);
    }

    @Test
    void rejectsABalanceBeyondALong() {
        Account from = account("USD", 10);
        Account full = account("USD", Long.MAX_VALUE - 5);

        assertRejectedUnchanged(BalanceOverflowException.class, () -> from.transfer(UUID.randomUUID(), full, 6, "USD", OWNER), from, full);
        from.transfer(UUID.randomUUID(), full, 5, "USD", OWNER);
        assertEquals(Long.MAX_VALUE, full.balance);
    }

    @Test
    void onlyTheOwnerMovesTheMoneyAndAnyoneElseIsToldTheAccountDoesNotExist() {
        Account from = account("USD", 1000);
        Account to = account("USD", 0);

        assertRejectedUnchanged(AccountNotFoundException.class, () -> from.transfer(UUID.randomUUID(), to, 100, "USD", "intruder"), from, to);
        // Checked first, so that no other rule's answer tells a stranger anything about the account.
        assertRejectedUnchanged(AccountNotFoundException.class, () -> from.transfer(UUID.randomUUID(), to, 5000, "EUR", "intruder"), from, to);
        assertEquals(OWNER, from.transfer(UUID.randomUUID(), to, 100, "USD", OWNER).initiatedBy);
    }

    @Test
    void opensEmptyAndTakesDepositsRecordedAsLedgerEntries() {
        Account account = Account.open("alice", "Alice", "USD");
        account.id = UUID.randomUUID();

        Transfer deposit = account.deposit(250, "USD", "teller-9");

        assertEquals(250, account.balance);
        assertEquals(Transfer.Kind.DEPOSIT, deposit.kind);
        assertNull(deposit.fromAccountId);
        assertEquals(account.id, deposit.toAccountId);
        assertEquals("teller-9", deposit.initiatedBy);
    }

    @Test
    void refusesDepositsThatBreakTheRules() {
        Account account = account("USD", Long.MAX_VALUE - 5);

        assertThrows(InvalidAmountException.class, () -> account.deposit(0, "USD", "teller"));
        assertThrows(CurrencyMismatchException.class, () -> account.deposit(1, "EUR", "teller"));
        assertThrows(BalanceOverflowException.class, () -> account.deposit(6, "USD", "teller"));
        assertEquals(Long.MAX_VALUE - 5, account.balance);
    }

    private static Account account(String currency, long balance) {
        Account account = Account.open(OWNER, "Owner", currency);
        account.id = UUID.randomUUID();
        account.balance = balance;
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
