package io.entityflow.lsp.features;

/** Parameters of {@code entityflow/graph}: the document, and optionally one method ({@code method} or {@code Type.method}). */
public final class GraphParams {
    private String uri;
    private String method;

    public GraphParams() {
    }

    public GraphParams(String uri, String method) {
        this.uri = uri;
        this.method = method;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }
}
