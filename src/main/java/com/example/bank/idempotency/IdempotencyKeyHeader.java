package com.example.bank.idempotency;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code Idempotency-Key} request header: an opaque client-chosen string of at most 255 visible
 * ASCII characters, such as a UUID. The IETF draft sends it as a quoted Structured Field string and Stripe
 * unquoted; both forms name the same key.
 */
public final class IdempotencyKeyHeader {

    public static final String NAME = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21\\x23-\\x7E]+");

    private IdempotencyKeyHeader() {
    }

    /** {@code values}: every {@code Idempotency-Key} header of the request (absent, one, or a client error). */
    public static Optional<String> fromHeaders(List<String> values, boolean required) {
        if (values == null || values.isEmpty()) {
            if (required) {
                throw new IdempotencyKeyRequiredException();
            }
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new InvalidIdempotencyKeyException();
        }
        String header = values.get(0) == null ? "" : values.get(0).strip();
        String key = header.length() >= 2 && header.startsWith("\"") && header.endsWith("\"")
                ? header.substring(1, header.length() - 1)
                : header;
        if (key.isEmpty() || key.length() > MAX_LENGTH || !VISIBLE_ASCII.matcher(key).matches()) {
            throw new InvalidIdempotencyKeyException();
        }
        return Optional.of(key);
    }
}
