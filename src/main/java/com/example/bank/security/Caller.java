package com.example.bank.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who sent the request: the subject ({@code sub}) of its verified token, the identity provider's stable id
 * for the user, which owns accounts and scopes idempotency keys. Not the display name, which can change.
 */
public record Caller(String subject, boolean teller) {

    public static Caller of(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
            // Unreachable behind @RolesAllowed: tokens without sub are refused (smallrye.jwt.required.claims).
            throw new IllegalStateException("The request's identity is not a verified token with a subject");
        }
        return new Caller(token.getSubject(), identity.hasRole(Roles.TELLER));
    }
}
