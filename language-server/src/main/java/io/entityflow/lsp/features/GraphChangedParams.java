package io.entityflow.lsp.features;

/** Notification {@code entityflow/graphChanged}: the graph of this document is different since the last one. */
public final class GraphChangedParams {
    private String uri;
    private Integer version;

    public GraphChangedParams() {
    }

    public GraphChangedParams(String uri, Integer version) {
        this.uri = uri;
        this.version = version;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public Integer getVersion() {
        return version;
    }

    public void setVersion(Integer version) {
        this.version = version;
    }
}
