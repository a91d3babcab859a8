package com.example.bank.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.Context;

/**
 * The service's own spans only ever continue a trace (a request's); they never start one. With tracing off
 * there is no request span, and Quarkus' stand-in SDK would still record every span it is asked for; outside
 * requests (the key purge) a root span per transaction would only be noise.
 */
public final class ChildSpan {

    private ChildSpan() {
    }

    /** The span {@code builder} describes, under {@code parent}; a no-op span when {@code parent} is not traced. */
    public static Span start(SpanBuilder builder, Context parent) {
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        return builder.setParent(parent).startSpan();
    }
}
