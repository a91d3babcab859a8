package com.example.bank.tracing;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Spans for SQL statements exactly when tracing is on, so that one switch ({@code OTEL_SDK_DISABLED=false})
 * turns on the whole trace. With tracing off, Quarkus still hands the JDBC instrumentation an SDK that records
 * spans and drops them; this keeps the instrumentation out of every statement's way instead. Below
 * application.properties and the environment: {@code QUARKUS_DATASOURCE_JDBC_TELEMETRY_ENABLED} still wins.
 */
public class SqlSpansConfigSourceFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 240;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue disabled = context.getValue("quarkus.otel.sdk.disabled");
        boolean tracing = disabled == null || disabled.getValue() == null || !Boolean.parseBoolean(disabled.getValue());
        return List.of(new PropertiesConfigSource(
                Map.of("quarkus.datasource.jdbc.telemetry.enabled", String.valueOf(tracing)), "bank-sql-spans", ORDINAL));
    }
}
