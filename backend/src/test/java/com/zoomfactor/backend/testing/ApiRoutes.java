package com.zoomfactor.backend.testing;

import com.zoomfactor.backend.app.Services;
import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.app.ApiRouter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** The API's routes as the real router has them, as "METHOD /api/path/{param}" lines. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    public static Set<String> of(Vertx vertx) throws Exception {
        // building the router touches no database: the pool is never used
        Pool unusedPool = PgBuilder.pool().connectingTo(new PgConnectOptions()).using(vertx).build();
        try {
            AppConfig config = new AppConfig(0, TestPaths.newDirectory("routes-"), Optional.empty(), OptionalInt.empty(),
                    Optional.of(TestServer.JWT_KEY));
            Services services = Services.create(vertx, config, unusedPool).await(30, TimeUnit.SECONDS);
            Router router = ApiRouter.create(vertx, services).await(10, TimeUnit.SECONDS);
            Set<String> routes = new TreeSet<>();
            for (Route route : router.getRoutes()) {
                String path = route.getPath();
                if (path == null || !path.startsWith("/api/") || route.methods() == null || route.methods().isEmpty()) {
                    continue;
                }
                for (HttpMethod method : route.methods()) {
                    routes.add(method.name() + " " + path.replaceAll(":(\\w+)", "{$1}"));
                }
            }
            return routes;
        } finally {
            unusedPool.close();
        }
    }
}
