package com.example.bank.problem;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Turns every failure into an {@code application/problem+json} response. Client errors are answered without
 * logging a stack trace; only unexpected failures (500) are logged as errors.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Jackson's message for a member named twice (StrictJson), the one place it names the field. */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("^Duplicate field '([^']{0,100})'");

    @ServerExceptionMapper
    public Response apiException(ApiException e, UriInfo uriInfo) {
        if (e.getCause() != null) {
            LOG.warnf("Answering %s with %s; the cause: %s", uriInfo.getPath(), e.problemType().slug,
                    firstLine(String.valueOf(e.getCause())));
        }
        Response response = respond(Problem.of(e.problemType(), e.getMessage(), instance(uriInfo)));
        if (e.retryAfterSeconds().isEmpty()) {
            return response;
        }
        return Response.fromResponse(response)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds().getAsInt()))
                .build();
    }

    /**
     * No token, or one that failed verification (signature, issuer, audience, expiry). Why it failed is logged
     * at DEBUG by smallrye-jwt and never told to the caller, who could use it to forge a better token.
     */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uriInfo) {
        Problem problem = Problem.of(ProblemType.UNAUTHENTICATED,
                "Send a valid bearer token from the identity provider: Authorization: Bearer <token>.", instance(uriInfo));
        return Response.fromResponse(respond(problem)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** A valid token without the role the endpoint needs. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uriInfo) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your token's roles do not allow this request.", instance(uriInfo)));
    }

    @ServerExceptionMapper
    public Response invalidRequest(ResteasyReactiveViolationException e, UriInfo uriInfo) {
        boolean invalidResponse = e.getConstraintViolations().stream()
                .anyMatch(violation -> violation.getPropertyPath().toString().contains("<return value>"));
        if (invalidResponse) {
            return unexpected(e, uriInfo);
        }
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(violation -> new Problem.Violation(field(violation.getPropertyPath()), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream()
                .map(violation -> violation.field() + " " + violation.message())
                .collect(Collectors.joining("; ", "", "."));
        return respond(Problem.of(ProblemType.VALIDATION_FAILED, detail, instance(uriInfo)).withViolations(violations));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uriInfo) {
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST, describe(e), instance(uriInfo)));
    }

    /** Replaces Quarkus' own mapper for this subtype, whose body is not a problem document. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uriInfo) {
        return unreadableJson(e, uriInfo);
    }

    /** Framework errors: unknown path (404), wrong method (405), unsupported media type (415), unreadable body. */
    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e, UriInfo uriInfo) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uriInfo);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return unexpected(e, uriInfo);
        }
        // JAX-RS answers 404 when a path or query parameter cannot be converted (page=abc); say so.
        String detail = e.getCause() == null ? null
                : "A path or query parameter has a value of the wrong type: " + firstLine(e.getCause().getMessage());
        Problem problem = new Problem(URI.create("about:blank"), status.getReasonPhrase(), status.getStatusCode(),
                detail, instance(uriInfo), null);
        logClientError(problem);
        return Response.fromResponse(e.getResponse()).entity(problem).type(Problem.MEDIA_TYPE).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uriInfo) {
        LOG.errorf(e, "Unexpected failure serving %s", uriInfo.getPath());
        return respond(Problem.of(ProblemType.INTERNAL_ERROR, null, instance(uriInfo)));
    }

    private static Response respond(Problem problem) {
        logClientError(problem);
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /**
     * One line per refused request, without a stack trace: the problem says all there is to say. The request
     * id and idempotency key come with every log line (see RequestIdFilter). Server errors are logged where
     * they are recognised, with their cause.
     */
    private static void logClientError(Problem problem) {
        if (problem.status() < 500) {
            LOG.infof("Refused %s: %d %s %s", problem.instance(), problem.status(), problem.type(),
                    problem.detail() == null ? "" : problem.detail());
        }
    }

    /** The path as the client sent it, still percent-encoded: decoded, {@code /accounts/%20} is no valid URI. */
    private static URI instance(UriInfo uriInfo) {
        return URI.create(uriInfo.getRequestUri().getRawPath());
    }

    /** {@code open.request.ownerName} becomes {@code ownerName}; {@code list.size} becomes {@code size}. */
    private static String field(Path path) {
        String property = null;
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY) {
                property = property == null ? node.getName() : property + "." + node.getName();
            }
        }
        if (property != null) {
            return property;
        }
        return "request".equals(parameter) ? "body" : parameter;
    }

    /** Explains what is wrong in the client's terms, without Java class names. */
    private static String describe(JsonProcessingException e) {
        Matcher duplicate = DUPLICATE_FIELD.matcher(firstLine(e.getOriginalMessage()));
        if (e instanceof JsonParseException && duplicate.find()) {
            return "Field '" + duplicate.group(1) + "' appears more than once.";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + jsonPath(unknown) + "'.";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return "Field '" + jsonPath(mapping) + "' must be " + expected(mismatch.getTargetType()) + ".";
            }
            return "Field '" + jsonPath(mapping) + "' is not valid: " + firstLine(mapping.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException) {
            return "The body must be exactly one JSON object.";
        }
        if (e instanceof InputCoercionException coercion) {
            return "A number is out of range: " + firstLine(coercion.getOriginalMessage());
        }
        JsonLocation location = e.getLocation();
        return location == null ? "The body is not valid JSON."
                : "The body is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ").";
    }

    private static String expected(Class<?> type) {
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "an integer";
        }
        if (type == UUID.class) {
            return "a UUID such as 3f2c7a4e-9d1b-4c55-8e2a-1b7f0c9d6e11";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a value of another type";
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
