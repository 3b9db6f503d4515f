package io.entityflow.flink.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.api.gateway.GatewayError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The body of a create or call, {@code {"args":[...]}}, read strictly: malformed JSON is reported with its
 * line and column, and a body that is not that object (or has other fields, such as a misspelt
 * {@code arg}) is refused rather than guessed at. An empty body means no arguments.
 */
final class RequestBody {
    private RequestBody() {
    }

    /** @throws GatewayError 400 {@code malformed_json} or {@code bad_body} */
    static List<JsonNode> arguments(byte[] body, ObjectMapper mapper) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return List.of();
        }
        JsonNode root = parse(body, mapper);
        if (!root.isObject()) {
            throw new GatewayError(400, "bad_body", "the body must be a JSON object {\"args\":[...]}, got " + JsonText.kind(root));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("args")) {
                throw new GatewayError(400, "bad_body", "unknown field \"" + name + "\" in the body; it has only \"args\"");
            }
        }
        JsonNode args = root.get("args");
        if (args == null) {
            throw new GatewayError(400, "bad_body", "the body has no \"args\": send {\"args\":[...]} (an empty body means no arguments)");
        }
        if (!args.isArray()) {
            throw new GatewayError(400, "bad_body", "\"args\" must be an array of the arguments, got " + JsonText.kind(args));
        }
        List<JsonNode> values = new ArrayList<>(args.size());
        args.forEach(values::add);
        return values;
    }

    /** Any JSON document. @throws GatewayError 400 {@code malformed_json} */
    static JsonNode parse(byte[] body, ObjectMapper mapper) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new GatewayError(400, "malformed_json", "malformed JSON: the body is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new GatewayError(400, "malformed_json", "malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new GatewayError(400, "malformed_json", "malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
