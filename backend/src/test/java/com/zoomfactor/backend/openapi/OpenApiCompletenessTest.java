package com.zoomfactor.backend.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.ApiRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OpenAPI document and the router describe the same API: every route documented, every operation routed. */
@ExtendWith(VertxExtension.class)
class OpenApiCompletenessTest {

    private static final Set<String> DOCUMENTED_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyApiRouteIsDocumentedAndEveryDocumentedOperationIsRouted(Vertx vertx) throws Exception {
        Set<String> routed = ApiRoutes.of(vertx);

        JsonObject doc = vertx.fileSystem().readFile(OpenApiHandler.RESOURCE).await(10, TimeUnit.SECONDS).toJsonObject();
        Set<String> documented = new TreeSet<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                if (DOCUMENTED_METHODS.contains(method)) {
                    documented.add(method.toUpperCase() + " " + path);
                }
            }
        }

        assertThat(routed).as("the router has API routes").isNotEmpty();
        assertThat(documented).as("documented operations vs routes").isEqualTo(routed);
        assertThat(doc.getString("openapi")).isEqualTo("3.1.0");
    }

    @Test
    void everyOperationHasAnIdAndResponses(Vertx vertx) throws Exception {
        JsonObject doc = vertx.fileSystem().readFile(OpenApiHandler.RESOURCE).await(10, TimeUnit.SECONDS).toJsonObject();
        Set<String> ids = new TreeSet<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
                assertThat(operation.getString("operationId")).as(method + " " + path).isNotBlank();
                assertThat(ids.add(operation.getString("operationId"))).as("unique operationId").isTrue();
                assertThat(operation.getJsonObject("responses")).as(method + " " + path).isNotEmpty();
            }
        }
    }
}
