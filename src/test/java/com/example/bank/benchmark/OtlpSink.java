package com.example.bank.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for an OpenTelemetry collector when the benchmark measures the service with tracing on: it takes
 * every OTLP/HTTP export, answers it as a collector does (an empty, successful protobuf answer) and counts
 * what it received, so that the service pays the whole cost of exporting and the figures prove it did.
 */
final class OtlpSink implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong exports = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    private OtlpSink(HttpServer server) {
        this.server = server;
    }

    static OtlpSink start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OtlpSink sink = new OtlpSink(server);
        server.createContext("/", sink::receive);
        server.start();
        return sink;
    }

    /** The service's settings that turn its tracing on and send the spans here. */
    Map<String, String> serviceEnvironment() {
        return Map.of("OTEL_SDK_DISABLED", "false",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    long exports() {
        return exports.get();
    }

    long bytes() {
        return bytes.get();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            bytes.addAndGet(body.transferTo(OutputStream.nullOutputStream()));
        }
        exports.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
