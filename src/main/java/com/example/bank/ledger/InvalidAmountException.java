package com.example.bank.ledger;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

public class InvalidAmountException extends ApiException {
    public InvalidAmountException(String detail) {
        super(ProblemType.INVALID_AMOUNT, detail);
    }
}
