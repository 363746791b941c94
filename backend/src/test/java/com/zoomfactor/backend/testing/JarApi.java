package com.zoomfactor.backend.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import io.vertx.core.json.JsonObject;

/** Plain HTTP and SQL against a running jar (tests of the jar cannot reach into the server's objects). */
public final class JarApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public JarApi(String base) {
        this.base = base;
    }

    public HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        OpenApiContract.get().check(method, path, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
        return response;
    }

    /** The body of a 2xx answer, or an assertion error saying what came instead. */
    public JsonObject call(String method, String path, String token, JsonObject body) throws Exception {
        HttpResponse<String> response = send(method, path, token, body == null ? null : body.encode(), Map.of());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
    }

    public int status(String path) throws Exception {
        return send("GET", path, null, null, Map.of()).statusCode();
    }

    /** Signs up a new agency; returns its owner's access token. */
    public String signUp() throws Exception {
        return call("POST", "/api/auth/signup", null, new JsonObject().put("agencyName", "Crash Agency").put("name", "Ada")
                .put("email", "ada-" + UUID.randomUUID() + "@example.com").put("password", "a long crash password"))
                .getString("accessToken");
    }

    public String createClient(String token, String name) throws Exception {
        return call("POST", "/api/clients", token, new JsonObject().put("name", name)).getString("id");
    }

    /** How many times each dimension of {@code metric} is stored for the client, read as the embedded superuser. */
    public static Map<String, Integer> storedDimensions(int dbPort, String clientId, String metric) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/zoomfactor", "postgres", "");
             PreparedStatement s = c.prepareStatement("SELECT dimension, count(*) FROM observations"
                     + " WHERE client_id = ?::uuid AND metric = ? GROUP BY dimension")) {
            s.setString(1, clientId);
            s.setString(2, metric);
            Map<String, Integer> counts = new HashMap<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
            return counts;
        }
    }
}
