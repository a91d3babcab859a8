package com.example.bank.tracing;

import java.util.function.Supplier;

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

    /**
     * The span {@code builder} describes, under {@code parent}; a no-op span when {@code parent} is not traced.
     * The builder is only asked for then: with tracing off, the hot paths build nothing.
     */
    public static Span start(Context parent, Supplier<SpanBuilder> builder) {
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        return builder.get().setParent(parent).startSpan();
    }
}
