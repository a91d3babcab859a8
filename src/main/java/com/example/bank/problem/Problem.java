package com.example.bank.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of every error response, {@code application/problem+json} as RFC 9457 defines it. */
@RegisterForReflection(targets = { Problem.class, Problem.Violation.class })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, URI instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field of a request, named by its JSON path (e.g. {@code amount}). */
    public record Violation(String field, String message) {
    }

    public static Problem of(ProblemType type, String detail, URI instance) {
        return new Problem(type.type, type.title, type.status, detail, instance, null);
    }

    public Problem withViolations(List<Violation> violations) {
        return new Problem(type, title, status, detail, instance, violations);
    }
}
