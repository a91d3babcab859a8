package com.example.bank.operations;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.example.bank.idempotency.IdempotencyKeyHeader;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

/**
 * Gives every request an id, taken from {@code X-Request-Id} when the caller (a gateway, another service)
 * sent a sane one, and puts it with the idempotency key into the logging context, so that every log line of
 * the request carries both. The id is echoed in the response.
 */
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    static final String MDC_REQUEST_ID = "requestId";
    static final String MDC_IDEMPOTENCY_KEY = "idempotencyKey";

    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @ServerRequestFilter(preMatching = true)
    public void assignRequestId(ContainerRequestContext request) {
        String offered = request.getHeaderString(HEADER);
        String requestId = offered != null && SANE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        request.setProperty(MDC_REQUEST_ID, requestId);
        MDC.put(MDC_REQUEST_ID, requestId);
        String key = request.getHeaderString(IdempotencyKeyHeader.NAME);
        if (key != null && key.length() <= IdempotencyKeyHeader.MAX_LENGTH) {
            MDC.put(MDC_IDEMPOTENCY_KEY, key);
        } else {
            MDC.remove(MDC_IDEMPOTENCY_KEY);
        }
    }

    @ServerResponseFilter
    public void echoRequestId(ContainerRequestContext request, ContainerResponseContext response) {
        Object requestId = request.getProperty(MDC_REQUEST_ID);
        if (requestId != null) {
            response.getHeaders().putSingle(HEADER, requestId);
        }
    }
}
