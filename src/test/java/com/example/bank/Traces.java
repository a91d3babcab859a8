package com.example.bank;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.arc.Unremovable;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The spans the service exported, read from an in-memory exporter: the service's own exporter configuration
 * ({@code quarkus.otel.traces.exporter=cdi}) sends them to every {@code SpanExporter} bean, this one included.
 * Tracing is off in tests, as in production, unless a test runs with {@link On}.
 */
@Singleton
public class Traces {

    /** Tracing on, spans handed to the exporter within 50 ms of their end. */
    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    @Produces
    @Singleton
    @Unremovable
    InMemorySpanExporter exporter() {
        return exporter;
    }

    /** A W3C {@code traceparent} that starts a new sampled trace, as a gateway would send it. */
    public static Parent newParent() {
        byte[] traceId = new byte[16];
        byte[] spanId = new byte[8];
        ThreadLocalRandom.current().nextBytes(traceId);
        ThreadLocalRandom.current().nextBytes(spanId);
        return new Parent(HexFormat.of().formatHex(traceId), HexFormat.of().formatHex(spanId));
    }

    public record Parent(String traceId, String spanId) {
        /** Sampled: the gateway keeps this trace. */
        public String header() {
            return "00-" + traceId + "-" + spanId + "-01";
        }

        /** Not sampled: the gateway drops this trace, and the service follows its decision. */
        public String unsampledHeader() {
            return "00-" + traceId + "-" + spanId + "-00";
        }
    }

    /** The spans of the trace, once one matching {@code complete} has been exported. */
    public List<SpanData> await(String traceId, Predicate<List<SpanData>> complete) {
        return Awaitility.await("spans of trace " + traceId).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> inTrace(traceId), complete);
    }

    public List<SpanData> inTrace(String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    public List<SpanData> all() {
        return exporter.getFinishedSpanItems();
    }

    public static boolean hasSpanNamed(List<SpanData> spans, String name) {
        return spans.stream().anyMatch(span -> span.getName().equals(name));
    }

    public static SpanData named(List<SpanData> spans, String name) {
        List<SpanData> found = spans.stream().filter(span -> span.getName().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one span named " + name + ", found " + found.size() + " in " + spans);
        }
        return found.get(0);
    }

    public static List<SpanData> childrenOf(List<SpanData> spans, SpanData parent) {
        return spans.stream().filter(span -> span.getParentSpanId().equals(parent.getSpanId())).toList();
    }

}
