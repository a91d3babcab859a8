package com.example.bank.account;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

/** A teller opens accounts for someone: it must say whom. */
public class OwnerRequiredException extends ApiException {

    public OwnerRequiredException() {
        super(ProblemType.VALIDATION_FAILED, "ownerId must name the owner (the subject of their tokens) when a "
                + "teller opens an account.");
    }
}
