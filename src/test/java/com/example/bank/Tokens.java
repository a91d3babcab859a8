package com.example.bank;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.example.bank.devauth.DevTokens;
import com.example.bank.security.Roles;

/**
 * Bearer tokens for the tests, really signed (by the dev key, as in dev mode) and verified by the service as
 * in production. One token per subject and role, reused: signing costs more than the request it authorises.
 */
public final class Tokens {

    private static final Map<String, String> ISSUED = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String customer(String subject) {
        return ISSUED.computeIfAbsent(Roles.CUSTOMER + " " + subject, ignored -> DevTokens.issue(subject, Set.of(Roles.CUSTOMER)));
    }

    public static String teller(String subject) {
        return ISSUED.computeIfAbsent(Roles.TELLER + " " + subject, ignored -> DevTokens.issue(subject, Set.of(Roles.TELLER)));
    }
}
