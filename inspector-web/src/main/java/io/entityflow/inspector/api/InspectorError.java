package io.entityflow.inspector.api;

/** A request the inspector cannot answer, with the HTTP status and a code and message for the page. */
public final class InspectorError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public InspectorError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static InspectorError badRequest(String code, String message) {
        return new InspectorError(400, code, message);
    }

    public static InspectorError notFound(String code, String message) {
        return new InspectorError(404, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
