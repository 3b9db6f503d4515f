package io.entityflow.api.gateway;

/**
 * What a contributed route answers: a status and a body written as JSON (entity references as
 * {@code {"type","key"}}, records as objects); a null body is written as JSON {@code null}.
 */
public record RouteResponse(int status, Object body) {
    public RouteResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
    }

    public static RouteResponse ok(Object body) {
        return new RouteResponse(200, body);
    }

    public static RouteResponse created(Object body) {
        return new RouteResponse(201, body);
    }

    public static RouteResponse of(int status, Object body) {
        return new RouteResponse(status, body);
    }
}
