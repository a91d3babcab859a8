/**
 * The domain: accounts ({@link com.example.bank.ledger.Account}) and the ledger entries that explain their
 * balances ({@link com.example.bank.ledger.Transfer}: deposits and transfers), with the rules that govern
 * them and the exceptions those rules throw. {@code Account.transfer} checks its rules in one documented
 * order. Nothing here knows about HTTP, lanes or security: the caller passes in who initiates a change.
 */
package com.example.bank.ledger;
