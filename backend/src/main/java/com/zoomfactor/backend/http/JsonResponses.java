package com.zoomfactor.backend.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** The one way the API writes JSON: records and maps through one configured Jackson mapper. */
public final class JsonResponses {

    public static final String JSON = "application/json; charset=utf-8";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonResponses() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A record or map as a Vert.x JSON object, written by the same mapper as every answer. */
    @SuppressWarnings("unchecked")
    public static io.vertx.core.json.JsonObject toJsonObject(Object value) {
        return new io.vertx.core.json.JsonObject(MAPPER.convertValue(value, java.util.Map.class));
    }

    public static Buffer encode(Object body) {
        try {
            return Buffer.buffer(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + body.getClass().getName() + " as JSON", e);
        }
    }

    public static Future<Void> send(RoutingContext ctx, int status, Object body) {
        Buffer json;
        try {
            json = encode(body);
        } catch (RuntimeException e) {
            // called from onSuccess handlers: a throw there would escape to the event loop and the request hang
            ctx.fail(e);
            return Future.failedFuture(e);
        }
        return send(ctx.response(), status, json);
    }

    public static Future<Void> send(HttpServerResponse response, int status, Buffer json) {
        return response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(json);
    }
}
