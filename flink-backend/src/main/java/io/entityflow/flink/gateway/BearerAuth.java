package io.entityflow.flink.gateway;

import io.entityflow.api.gateway.GatewayError;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Requires {@code Authorization: Bearer <token>} on every request but {@code GET /health} (probes carry no
 * credentials, and the answer tells nothing about entities). The comparison takes the same time whatever
 * prefix matches, so the token cannot be guessed byte by byte from response times.
 */
final class BearerAuth {
    private static final String SCHEME = "bearer ";
    private final byte[] token;

    /** @param token null for a gateway without authentication */
    BearerAuth(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    void check(HttpExchange ctx) {
        if (token == null || ctx.path().equals("/health")) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw refuse(ctx, "this gateway requires the header Authorization: Bearer <token>");
        }
        if (header.length() < SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw refuse(ctx, "the Authorization header must be Bearer <token>");
        }
        byte[] given = header.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw refuse(ctx, "wrong bearer token");
        }
    }

    private static GatewayError refuse(HttpExchange ctx, String message) {
        ctx.challenge("Bearer");
        return new GatewayError(401, "unauthorized", message);
    }
}
