package io.entityflow.flink.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway listens and what it accepts.
 *
 * @param host            the address to bind; 127.0.0.1 unless the gateway must be reachable from other hosts
 * @param port            the port; 0 picks a free one ({@link Gateway#port()} tells which)
 * @param token           the bearer token clients must send, or null for none; required off loopback
 * @param maxBodyBytes    larger request bodies are refused with 413
 * @param responseTimeout how long a request waits for the entity job before a 504
 */
public record GatewayOptions(String host, int port, String token, long maxBodyBytes, Duration responseTimeout) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    public GatewayOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the host is blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 0 to 65535");
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the bearer token is blank: give a real token or none");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, not " + maxBodyBytes);
        }
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("responseTimeout must be positive, not " + responseTimeout);
        }
    }

    public static GatewayOptions defaults() {
        return new GatewayOptions(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_BODY_BYTES, DEFAULT_RESPONSE_TIMEOUT);
    }

    public GatewayOptions withHost(String host) {
        return new GatewayOptions(host, port, token, maxBodyBytes, responseTimeout);
    }

    public GatewayOptions withPort(int port) {
        return new GatewayOptions(host, port, token, maxBodyBytes, responseTimeout);
    }

    public GatewayOptions withToken(String token) {
        return new GatewayOptions(host, port, token, maxBodyBytes, responseTimeout);
    }

    public GatewayOptions withMaxBodyBytes(long maxBodyBytes) {
        return new GatewayOptions(host, port, token, maxBodyBytes, responseTimeout);
    }

    public GatewayOptions withResponseTimeout(Duration responseTimeout) {
        return new GatewayOptions(host, port, token, maxBodyBytes, responseTimeout);
    }

    public Optional<String> bearerToken() {
        return Optional.ofNullable(token);
    }

    /** True when {@link #host} is a loopback address, reachable from this machine only. */
    public boolean isLoopback() {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the gateway's host " + host, e);
        }
    }

    /** @throws IllegalStateException when the gateway would listen beyond this machine without a token */
    void requireTokenOffLoopback() {
        if (token == null && !isLoopback()) {
            throw new IllegalStateException("the gateway would listen on " + host + ", which other machines can reach,"
                    + " without a bearer token: set a token, or bind to 127.0.0.1");
        }
    }

    @Override
    public String toString() {
        // never the token itself: options end up in logs
        return "GatewayOptions[host=" + host + ", port=" + port + ", token=" + (token == null ? "none" : "set")
                + ", maxBodyBytes=" + maxBodyBytes + ", responseTimeout=" + responseTimeout + "]";
    }
}
