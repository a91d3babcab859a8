package com.example.bank.security;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

/** The caller is authenticated, but what it asked for needs a role it does not have. */
public class RoleRequiredException extends ApiException {

    public RoleRequiredException(String detail) {
        super(ProblemType.FORBIDDEN, detail);
    }
}
