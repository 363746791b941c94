import com.zoomfactor.backend.ZoomFactorServer;
import com.zoomfactor.backend.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** What the benchmarks share: a real server on a fresh embedded database, and an HTTP client to drive it. */
final class BenchSupport {

    final ZoomFactorServer server;
    final int port;
    final int dbPort;
    final Vertx vertx = Vertx.vertx();
    final HttpClient http;

    BenchSupport(int concurrency) throws Exception {
        Path data = Files.createTempDirectory("zf-bench-");
        dbPort = freePort();
        server = new ZoomFactorServer(new AppConfig(0, data, Optional.empty(), OptionalInt.of(dbPort), Optional.empty()));
        port = server.start().await(120, TimeUnit.SECONDS);
        http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost").setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(concurrency));
    }

    /** The embedded PostgreSQL as its superuser (for loading data and for the ceiling measurements). */
    String adminJdbcUrl() {
        return "jdbc:postgresql://localhost:" + dbPort + "/zoomfactor";
    }

    Future<JsonObject> call(HttpMethod method, String path, String token, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(path);
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return http.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(bytes -> {
                    if (response.statusCode() >= 300) {
                        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + bytes);
                    }
                    return bytes.length() == 0 ? new JsonObject() : bytes.toJsonValue() instanceof JsonObject o ? o
                            : new JsonObject().put("list", bytes.toJsonArray());
                }));
    }

    /** Signs up an agency; returns its owner's access token. */
    String signUp() throws Exception {
        JsonObject session = call(HttpMethod.POST, "/api/auth/signup", null, new JsonObject()
                .put("agencyName", "Bench Agency").put("name", "Bench").put("email", "bench-" + UUID.randomUUID() + "@example.com")
                .put("password", "a long bench password").toBuffer()).await(30, TimeUnit.SECONDS);
        return session.getString("accessToken");
    }

    String createClient(String token, String name) throws Exception {
        return call(HttpMethod.POST, "/api/clients", token, new JsonObject().put("name", name).toBuffer())
                .await(30, TimeUnit.SECONDS).getString("id");
    }

    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        server.stop().await(30, TimeUnit.SECONDS);
    }

    /** GET {@code path} as {@code token}; anything but a 200 fails the benchmark. */
    Buffer getOk(String token, String path) throws Exception {
        return http.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path)
                        .putHeader("Authorization", "Bearer " + token))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + body);
                    }
                    return body;
                })).await(120, TimeUnit.SECONDS);
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy.length % 2 == 1 ? copy[copy.length / 2] : (copy[copy.length / 2 - 1] + copy[copy.length / 2]) / 2;
    }
}
