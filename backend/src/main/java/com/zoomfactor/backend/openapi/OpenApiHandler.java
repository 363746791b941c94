package com.zoomfactor.backend.openapi;

import com.zoomfactor.backend.config.BuildInfo;
import com.zoomfactor.backend.http.JsonResponses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Serves the API's OpenAPI 3.1 document, stamped with this build's version and encoded once. */
public final class OpenApiHandler implements Handler<RoutingContext> {

    public static final String RESOURCE = "openapi/openapi.json";

    private final Buffer document;

    private OpenApiHandler(Buffer document) {
        this.document = document;
    }

    public static Future<OpenApiHandler> load(Vertx vertx) {
        return vertx.fileSystem().readFile(RESOURCE).map(raw -> {
            JsonObject doc = raw.toJsonObject();
            doc.getJsonObject("info").put("version", BuildInfo.version());
            return new OpenApiHandler(doc.toBuffer());
        });
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-cache");
        JsonResponses.send(ctx.response(), 200, document);
    }
}
