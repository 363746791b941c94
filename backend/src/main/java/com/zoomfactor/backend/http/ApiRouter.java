package com.zoomfactor.backend.http;

import com.zoomfactor.backend.health.HealthHandler;
import com.zoomfactor.backend.openapi.OpenApiHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** The router: the API's route table, the cross-cutting handlers around it, and the web app behind it. */
public final class ApiRouter {

    /** Largest request body the API reads; larger ones answer 413. */
    public static final long BODY_LIMIT_BYTES = 1024 * 1024;

    private ApiRouter() {
    }

    public static Future<Router> create(Vertx vertx, Pool pool) {
        Future<OpenApiHandler> openApi = OpenApiHandler.load(vertx);
        Future<WebApp> webApp = WebApp.load(vertx);
        return Future.all(openApi, webApp)
                .map(loaded -> build(vertx, routes(pool, openApi.result()), webApp.result()));
    }

    /** Path → handler, one line per endpoint. Every line is documented in {@code openapi/openapi.json}. */
    static List<ApiRoute> routes(Pool pool, OpenApiHandler openApi) {
        return List.of(
                ApiRoute.get("/api/health", new HealthHandler(pool)),
                ApiRoute.get("/api/openapi.json", openApi));
    }

    private static Router build(Vertx vertx, List<ApiRoute> routes, WebApp webApp) {
        Router router = Router.router(vertx);
        router.route().handler(new AccessLog()).handler(new SecurityHeaders());
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        for (ApiRoute route : routes) {
            router.route(route.method(), route.path()).handler(route.handler());
        }
        webApp.mount(router);

        FailureHandler failures = new FailureHandler();
        router.route().failureHandler(failures);
        // requests no route matched: unknown path (404) or known path with another method (405)
        router.errorHandler(404, failures);
        router.errorHandler(405, failures);
        return router;
    }
}
