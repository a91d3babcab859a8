package com.example.bank.paging;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

public class InvalidCursorException extends ApiException {

    public InvalidCursorException() {
        super(ProblemType.INVALID_CURSOR, "The after parameter must be the next value of an earlier page, unchanged.");
    }
}
