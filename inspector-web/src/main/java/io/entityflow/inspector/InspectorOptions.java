package io.entityflow.inspector;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where the inspector listens and who may use it: 127.0.0.1 by default; bound anywhere else it requires a
 * bearer token (the one given, or a generated one the caller prints), because it shows every entity's state.
 *
 * @param port 0 picks a free port
 */
public record InspectorOptions(String host, int port, String token) {
    public static final int DEFAULT_PORT = 8081;

    public InspectorOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("inspector port must be 0..65535, not " + port);
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token == null && !isLoopback(host)) {
            token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        }
    }

    public static InspectorOptions loopback(int port) {
        return new InspectorOptions("127.0.0.1", port, null);
    }

    public boolean requiresToken() {
        return token != null;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown inspector host " + host, e);
        }
    }
}
