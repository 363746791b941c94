package com.zoomfactor.backend.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.Services;
import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.http.ApiRouter;
import com.zoomfactor.backend.testing.TestPaths;
import java.util.Optional;
import java.util.OptionalInt;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
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
        // the pool is never used: building the router does not touch the database
        Pool unusedPool = PgBuilder.pool().connectingTo(new PgConnectOptions()).using(vertx).build();
        AppConfig config = new AppConfig(0, TestPaths.newDirectory("openapi-"), Optional.empty(), OptionalInt.empty(),
                Optional.of("a-signing-key-that-is-long-enough-for-hs256"));
        Services services = Services.create(vertx, config, unusedPool).await(30, TimeUnit.SECONDS);
        Router router = ApiRouter.create(vertx, services).await(10, TimeUnit.SECONDS);

        Set<String> routed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (path == null || !path.startsWith("/api/") || route.methods() == null || route.methods().isEmpty()) {
                continue;
            }
            for (HttpMethod method : route.methods()) {
                routed.add(method.name() + " " + path.replaceAll(":(\\w+)", "{$1}"));
            }
        }

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
        unusedPool.close();
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
