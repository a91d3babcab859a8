package com.example.bank.ledger;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

public class CurrencyMismatchException extends ApiException {

    public CurrencyMismatchException(String requested, String sourceCurrency, String destinationCurrency) {
        super(ProblemType.CURRENCY_MISMATCH, "A transfer in " + requested + " needs two " + requested
                + " accounts; the source holds " + sourceCurrency + " and the destination " + destinationCurrency + ".");
    }

    private CurrencyMismatchException(String detail) {
        super(ProblemType.CURRENCY_MISMATCH, detail);
    }

    public static CurrencyMismatchException forDeposit(String requested, String accountCurrency) {
        return new CurrencyMismatchException("A deposit in " + requested + " needs a " + requested
                + " account; this one holds " + accountCurrency + ".");
    }
}
