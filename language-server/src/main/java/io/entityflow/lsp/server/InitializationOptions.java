package io.entityflow.lsp.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Reads the client's {@code initializationOptions}. They come from a user's settings, so a wrong value is
 * warned about and ignored: a language server that refuses to start over a setting helps nobody.
 */
final class InitializationOptions {
    private InitializationOptions() {
    }

    /** {@code debounceMillis}: a JSON number, negative meaning 0; empty when absent or not a number. */
    static OptionalLong debounceMillis(Object options, Consumer<String> warn) {
        if (!(options instanceof JsonObject json) || !json.has("debounceMillis")) {
            return OptionalLong.empty();
        }
        JsonElement value = json.get("debounceMillis");
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            warn.accept("initializationOptions.debounceMillis is not a number: " + value + "; keeping the default");
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, value.getAsNumber().longValue()));
    }
}
