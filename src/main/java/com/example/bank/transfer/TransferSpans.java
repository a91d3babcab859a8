package com.example.bank.transfer;

import java.util.List;

import com.example.bank.tracing.ChildSpan;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The spans of a transfer's way through its lane ({@link TransferLanes}). One transaction carries many
 * requests, and a span has one parent, so the two sides are joined by links:
 * <ul>
 * <li>{@code transfer.queued}, in each request's trace: from the moment the transfer is queued until a
 * transaction takes it; it links to the batch that took it;</li>
 * <li>{@code transfer.batch}: the transaction that carries a batch, its attempts ({@code transaction} spans,
 * with their SQL) as children. It sits in the trace of the batch's first request (the first sampled one), where
 * a transfer that ran alone is traced from the HTTP request to its SQL in one trace, and links to every
 * request it carried.</li>
 * </ul>
 */
@ApplicationScoped
public class TransferSpans {

    public static final AttributeKey<Long> LANE = AttributeKey.longKey("bank.transfer.lane");
    public static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("bank.transfer.batch.size");
    /** On a batch whose transaction failed, so that each of its transfers was run again alone. */
    public static final AttributeKey<Boolean> RUN_EACH_ALONE = AttributeKey.booleanKey("bank.transfer.batch.run_each_alone");
    /** On the request's span: what the transfer came to (a problem type's slug, completed or replayed). */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("bank.transfer.outcome");
    public static final AttributeKey<Boolean> REPLAYED = AttributeKey.booleanKey("bank.transfer.replayed");
    public static final AttributeKey<Long> AMBIGUOUS_COMMIT_RESOLUTIONS = AttributeKey
            .longKey("bank.transfer.ambiguous_commit_resolutions");

    private final Tracer tracer;

    TransferSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Started as a transfer of the current request is queued on {@code lane}. */
    Span queued(int lane) {
        return ChildSpan.start(Context.current(),
                () -> tracer.spanBuilder("transfer.queued").setAttribute(LANE, (long) lane));
    }

    /** Started as a transaction takes {@code batch}; ends the wait of each of its transfers. */
    Span batch(List<PendingTransfer> batch, int lane) {
        Span span = ChildSpan.start(parentOf(batch), () -> {
            SpanBuilder builder = tracer.spanBuilder("transfer.batch").setAttribute(LANE, (long) lane)
                    .setAttribute(BATCH_SIZE, (long) batch.size());
            batch.forEach(pending -> builder.addLink(pending.queuedSpanContext()));
            return builder;
        });
        batch.forEach(pending -> pending.takenBy(span));
        return span;
    }

    /**
     * The first request of the batch whose trace is kept: a span follows its parent's sampling decision, so
     * with a sampling ratio below 1 the transaction is recorded whenever one of its requests is.
     */
    private static Context parentOf(List<PendingTransfer> batch) {
        return batch.stream().map(PendingTransfer::requestContext)
                .filter(context -> Span.fromContext(context).getSpanContext().isSampled()).findFirst()
                .orElse(batch.get(0).requestContext());
    }
}
