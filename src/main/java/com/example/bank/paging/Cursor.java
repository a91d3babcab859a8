package com.example.bank.paging;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the next page starts: the {@code (createdAt, id)} of the last row of the page before. A list is read
 * by seeking past it in the index that orders the list (keyset paging), so page 1,000 costs what page 1 costs
 * and rows written meanwhile neither repeat nor go missing. Clients get it as an opaque string.
 */
public record Cursor(Instant createdAt, UUID id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public String encode() {
        String position = createdAt.getEpochSecond() + "." + createdAt.getNano() + "~" + id;
        return ENCODER.encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back, or none for the first page; anything else is a client error. */
    public static Optional<Cursor> decode(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            String position = new String(DECODER.decode(token), StandardCharsets.UTF_8);
            int tilde = position.indexOf('~');
            int dot = position.indexOf('.');
            if (dot < 0 || tilde < dot) {
                throw new InvalidCursorException();
            }
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(position.substring(0, dot)),
                    Long.parseLong(position.substring(dot + 1, tilde)));
            return Optional.of(new Cursor(createdAt, UUID.fromString(position.substring(tilde + 1))));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidCursorException();
        }
    }
}
