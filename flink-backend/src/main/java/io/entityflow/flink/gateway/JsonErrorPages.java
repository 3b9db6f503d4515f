package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.api.gateway.GatewayError;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's own error answers (a request it refuses before the gateway's code sees it, such as a malformed
 * URI) in the gateway's JSON error form instead of Jetty's HTML page.
 */
final class JsonErrorPages extends ErrorHandler {
    private final ObjectMapper mapper;

    JsonErrorPages(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return !"HEAD".equals(method);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        int status = code >= 400 && code <= 599 ? code : 500;
        String text = message == null || message.isBlank() ? "the request was refused" : message;
        GatewayError error = new GatewayError(status, "http_" + status, text);
        byte[] body = JsonResponses.errorBody(mapper, error).toString().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.JSON);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
