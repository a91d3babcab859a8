package com.example.bank.ledger;

import java.util.UUID;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

public class AccountNotFoundException extends ApiException {
    public AccountNotFoundException(UUID accountId) {
        super(ProblemType.ACCOUNT_NOT_FOUND, "No account has id " + accountId + ".");
    }
}
