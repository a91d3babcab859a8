package com.example.bank.account;

import java.time.Instant;
import java.util.UUID;

import com.example.bank.database.DatabaseClock;
import com.example.bank.transfer.BalanceOverflowException;
import com.example.bank.transfer.CurrencyMismatchException;
import com.example.bank.transfer.InsufficientFundsException;
import com.example.bank.transfer.InvalidAmountException;
import com.example.bank.transfer.SameAccountException;
import com.example.bank.transfer.Transfer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account holding money in one currency. Balances are integer minor units (cents for USD), so
 * arithmetic is exact; every change goes through {@link #transfer}, which enforces the business rules.
 * <p>
 * Only the balance is updatable, so Hibernate's one UPDATE statement sets only it, and the updates of a
 * transaction go to the database as one JDBC batch. ({@code @DynamicUpdate} would also set only the balance,
 * but Hibernate never batches dynamic updates: one round trip per account.)
 */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    @Column(name = "owner_name", nullable = false, updatable = false, length = 200)
    public String ownerName;

    /** ISO 4217 alphabetic code, e.g. {@code USD}. */
    @Column(nullable = false, updatable = false, length = 3)
    public String currency;

    /** Minor units of {@link #currency}; never negative (also enforced by a CHECK constraint). */
    @Column(nullable = false)
    public long balance;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public static Account open(String ownerName, String currency, long openingBalance) {
        if (openingBalance < 0) {
            throw new InvalidAmountException("The opening balance must not be negative.");
        }
        Account account = new Account();
        account.ownerName = ownerName;
        account.currency = currency;
        account.balance = openingBalance;
        account.createdAt = DatabaseClock.now();
        return account;
    }

    /**
     * Moves {@code amount} minor units from this account to {@code destination} and returns the ledger entry
     * recording it (not yet persisted). Either both balances change or, on any rule violation, neither does.
     */
    public Transfer transfer(Account destination, long amount, String currency) {
        if (amount <= 0) {
            throw new InvalidAmountException("The amount must be a positive number of minor units.");
        }
        if (id.equals(destination.id)) {
            throw new SameAccountException(id);
        }
        if (!this.currency.equals(currency) || !destination.currency.equals(currency)) {
            throw new CurrencyMismatchException(currency, this.currency, destination.currency);
        }
        if (balance < amount) {
            throw new InsufficientFundsException(id);
        }
        long newDestinationBalance;
        try {
            newDestinationBalance = Math.addExact(destination.balance, amount);
        } catch (ArithmeticException e) {
            throw new BalanceOverflowException(destination.id);
        }
        balance = Math.subtractExact(balance, amount);
        destination.balance = newDestinationBalance;
        return Transfer.record(id, destination.id, amount, currency, DatabaseClock.now());
    }
}
