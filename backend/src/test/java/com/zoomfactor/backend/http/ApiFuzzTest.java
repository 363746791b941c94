package com.zoomfactor.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.OpenApiContract;
import com.zoomfactor.backend.testing.RawHttp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fault suite #4: every operation of the served OpenAPI document, read at test time, gets malformed input — JSON of
 * the wrong types, huge and negative numbers, 10,000 levels of nesting, NUL and invalid UTF-8 in bodies, paths and
 * query values, wrong content types, empty bodies, oversized headers, unknown and absurd ids — as the agency's owner
 * and without credentials. No answer may be a 5xx, and every error must be the API's {@code {status, message}} JSON.
 */
class ApiFuzzTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final int IN_FLIGHT = 8;

    private Vertx vertx;
    private WebClient client;
    private JsonObject document;
    private Session owner;
    private UUID clientId;
    private final List<String> failures = new ArrayList<>();
    private int tried;

    /** One request to make: what it is called in a failure report, and how to send it. */
    private record Case(String name, HttpMethod method, String path, Map<String, String> headers, Buffer body) {
    }

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
        document = live.http().get("/api/openapi.json").bodyAsJsonObject();
        owner = live.accounts().signUp("Fuzzed Agency");
        clientId = live.accounts().createClient(owner, "Fuzzed Client");
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void noMalformedInputToAnyOperationGetsA5xxOrAnErrorThatIsNotJson() throws Exception {
        List<Case> cases = new ArrayList<>();
        int operations = 0;
        JsonObject paths = document.getJsonObject("paths");
        for (String template : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(template);
            for (String verb : item.fieldNames()) {
                if (!List.of("get", "post", "put", "patch", "delete").contains(verb)) {
                    continue;
                }
                operations++;
                HttpMethod method = HttpMethod.valueOf(verb.toUpperCase(Locale.ROOT));
                JsonObject operation = item.getJsonObject(verb);
                casesFor(cases, method, template, operation, owner.accessToken());
                casesWithoutCredentials(cases, method, template);
            }
        }
        assertThat(operations).as("operations in the served document").isGreaterThan(60);

        run(cases);
        int raw = rawBytesInRequestLines(paths);

        System.out.printf("Fault suite #4 (fuzz): %d operations, %d cases tried (%d over raw sockets), %d failures%n",
                operations, tried + raw, raw, failures.size());
        assertThat(failures).as("%d of %d cases", failures.size(), tried + raw).isEmpty();
    }

    // --- the cases -------------------------------------------------------------------------------------------------

    private void casesFor(List<Case> cases, HttpMethod method, String template, JsonObject operation, String bearer) {
        List<JsonObject> parameters = parameters(operation);
        String path = fill(template, method, Map.of());
        Map<String, String> auth = Map.of("Authorization", "Bearer " + bearer);
        boolean hasBody = operation.containsKey("requestBody");

        // path parameters: unknown, absurd, encoded NUL and invalid UTF-8, traversal
        for (JsonObject parameter : parameters) {
            if (!"path".equals(parameter.getString("in"))) {
                continue;
            }
            for (String bad : List.of(UUID.randomUUID().toString(), "00000000-0000-0000-0000-000000000000",
                    "99999999999999999999999999", "-1", "0", "%00", "%ff%fe", "%C0%AF", "zfs_" + "A".repeat(120),
                    "a".repeat(3000), "..%2F..%2Fetc%2Fpasswd", "%7B%7D", "1e400", "NaN")) {
                String filled = fill(template, method, Map.of(parameter.getString("name"), bad));
                cases.add(new Case("path " + parameter.getString("name") + "=" + abbreviate(bad), method, filled, auth,
                        hasBody ? baseline(operation).toBuffer() : null));
            }
        }
        // query parameters, documented or not
        List<String> queryNames = new ArrayList<>();
        parameters.stream().filter(p -> "query".equals(p.getString("in"))).forEach(p -> queryNames.add(p.getString("name")));
        queryNames.add("unknown");
        for (String name : queryNames) {
            for (String bad : List.of("", "-1", "99999999999999999999999", "-99999999999", "%00", "%ff%fe", "2026-13-45",
                    "-999999999-01-01", "x".repeat(5000), "%5B%5D", "NaN", "1e308", "true%00")) {
                cases.add(new Case("query " + name + "=" + abbreviate(bad), method, path + "?" + name + "=" + bad, auth,
                        hasBody ? baseline(operation).toBuffer() : null));
            }
        }
        // whole bodies, sent to every operation (a GET or DELETE must ignore or refuse them, not fail)
        for (Map.Entry<String, Buffer> body : wholeBodies().entrySet()) {
            cases.add(new Case("body " + body.getKey(), method, path, withJson(auth), body.getValue()));
        }
        // wrong content types and no content type
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=zz",
                "application/x-www-form-urlencoded", "application/json; charset=utf-16", "*/*", "")) {
            Map<String, String> headers = new LinkedHashMap<>(auth);
            if (!type.isEmpty()) {
                headers.put("Content-Type", type);
            }
            cases.add(new Case("content type '" + type + "'", method, path, headers, Buffer.buffer("a=1&b=%00")));
        }
        // oversized and odd headers
        Map<String, String> huge = new LinkedHashMap<>(auth);
        huge.put("X-Padding", "p".repeat(ProtocolErrors.MAX_HEADERS + 10));
        cases.add(new Case("oversized header", method, path, huge, null));
        Map<String, String> odd = new LinkedHashMap<>(withJson(auth));
        odd.put("Accept", "application/xml");
        odd.put("Accept-Encoding", "br;q=2, *;q=-1");
        odd.put("X-Forwarded-Proto", "gopher");
        odd.put("If-None-Match", "\"" + "e".repeat(500) + "\"");
        cases.add(new Case("odd headers", method, path, odd, hasBody ? baseline(operation).toBuffer() : null));

        // one property of a plausible body at a time
        if (hasBody) {
            JsonObject baseline = baseline(operation);
            for (String property : properties(operation).fieldNames()) {
                for (Map.Entry<String, Object> value : wrongValues().entrySet()) {
                    JsonObject mutated = baseline.copy();
                    mutated.put(property, value.getValue());
                    cases.add(new Case("body " + property + "=" + value.getKey(), method, path, withJson(auth),
                            mutated.toBuffer()));
                }
                for (Map.Entry<String, Buffer> raw : rawPropertyValues(baseline, property).entrySet()) {
                    cases.add(new Case("body " + property + "=" + raw.getKey(), method, path, withJson(auth), raw.getValue()));
                }
                JsonObject left = baseline.copy();
                left.remove(property);
                cases.add(new Case("body without " + property, method, path, withJson(auth), left.toBuffer()));
                nestedCases(cases, method, path, withJson(auth), baseline, property,
                        properties(operation).getJsonObject(property));
            }
        }
    }

    /**
     * Inside a property's shape: each bad value as a list element, as a field of a listed object (and that field
     * left out, e.g. a period with one end), and as a map value (a handle with a NUL).
     */
    private void nestedCases(List<Case> cases, HttpMethod method, String path, Map<String, String> headers,
                             JsonObject baseline, String property, JsonObject schema) {
        if (hasType(schema, "array")) {
            JsonObject items = resolve(schema.getJsonObject("items", new JsonObject()));
            for (Map.Entry<String, Object> value : wrongValues().entrySet()) {
                cases.add(new Case("body " + property + "=[" + value.getKey() + "]", method, path, headers,
                        baseline.copy().put(property, new JsonArray().add(value.getValue())).toBuffer()));
            }
            Object one = plausible(property, items);
            JsonObject itemProperties = new JsonObject();
            collectProperties(items, itemProperties, 0);
            if (!itemProperties.isEmpty()) {
                JsonObject item = new JsonObject();
                itemProperties.fieldNames().forEach(name -> item.put(name, plausible(name, itemProperties.getJsonObject(name))));
                one = item;
                // the item with every field, and the required ones with each optional one: a full item is often
                // refused early (date with from and to), a minimal one reaches the later checks (a period's one end)
                JsonArray required = items.getJsonArray("required", new JsonArray());
                Map<String, JsonObject> bases = new LinkedHashMap<>();
                bases.put("", item);
                for (String optional : itemProperties.fieldNames()) {
                    if (!required.contains(optional)) {
                        JsonObject minimal = new JsonObject();
                        required.forEach(name -> minimal.put((String) name, item.getValue((String) name)));
                        bases.put(" (required and " + optional + ")", minimal.put(optional, item.getValue(optional)));
                    }
                }
                for (Map.Entry<String, JsonObject> base : bases.entrySet()) {
                    for (String field : base.getValue().fieldNames()) {
                        for (Map.Entry<String, Object> value : wrongValues().entrySet()) {
                            cases.add(new Case("body " + property + "[0]." + field + "=" + value.getKey() + base.getKey(),
                                    method, path, headers, baseline.copy().put(property, new JsonArray().add(
                                            base.getValue().copy().put(field, value.getValue()))).toBuffer()));
                        }
                        JsonObject without = base.getValue().copy();
                        without.remove(field);
                        cases.add(new Case("body " + property + "[0] without " + field + base.getKey(), method, path,
                                headers, baseline.copy().put(property, new JsonArray().add(without)).toBuffer()));
                    }
                }
            }
            cases.add(new Case("body " + property + " with a repeated element", method, path, headers,
                    baseline.copy().put(property, new JsonArray().add(one).add(one)).toBuffer()));
        } else if (hasType(schema, "object") && schema.getValue("additionalProperties") instanceof JsonObject) {
            JsonArray examples = schema.getJsonArray("examples");
            String key = examples != null && !examples.isEmpty() && examples.getValue(0) instanceof JsonObject example
                    && !example.isEmpty() ? example.fieldNames().iterator().next() : "fuzz";
            for (Map.Entry<String, Object> value : wrongValues().entrySet()) {
                cases.add(new Case("body " + property + "." + key + "=" + value.getKey(), method, path, headers,
                        baseline.copy().put(property, new JsonObject().put(key, value.getValue())).toBuffer()));
            }
        }
    }

    private static boolean hasType(JsonObject schema, String type) {
        Object declared = schema.getValue("type");
        return type.equals(declared) || declared instanceof JsonArray types && types.contains(type);
    }

    private void casesWithoutCredentials(List<Case> cases, HttpMethod method, String template) {
        String path = fill(template, method, Map.of());
        for (Map.Entry<String, Buffer> body : wholeBodies().entrySet()) {
            cases.add(new Case("no credentials, body " + body.getKey(), method, path,
                    Map.of("Content-Type", "application/json"), body.getValue()));
        }
        cases.add(new Case("no credentials, path %00", method, template.replaceAll("\\{[^}]+}", "%00"), Map.of(), null));
        cases.add(new Case("no credentials, path %ff", method, template.replaceAll("\\{[^}]+}", "%ff"), Map.of(), null));
    }

    /** Bodies that are not a sensible request, each sent whole. */
    private static Map<String, Buffer> wholeBodies() {
        Map<String, Buffer> bodies = new LinkedHashMap<>();
        for (String json : List.of("[]", "\"text\"", "42", "-1", "null", "true", "{}", "{", "}", "{\"a\":}", "[1,2",
                "{\"a\":1,\"a\":2}", "1e999999", "-99999999999999999999999999999", "\"\\ud800\"", "{\"\\u0000\":1}")) {
            bodies.put(json, Buffer.buffer(json));
        }
        bodies.put("empty", Buffer.buffer());
        bodies.put("whitespace", Buffer.buffer("  \n\t "));
        bodies.put("10,000 nested arrays", Buffer.buffer("[".repeat(10_000) + "]".repeat(10_000)));
        bodies.put("10,000 nested objects", Buffer.buffer("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        bodies.put("NUL bytes", Buffer.buffer(new byte[] {'{', '"', 'a', '"', ':', '"', 0, 0, '"', '}'}));
        bodies.put("invalid UTF-8", Buffer.buffer(new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff,
                (byte) 0xfe, (byte) 0xc0, (byte) 0xaf, '"', '}'}));
        bodies.put("UTF-16", Buffer.buffer("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_16)));
        bodies.put("BOM", Buffer.buffer("\uFEFF{}".getBytes(StandardCharsets.UTF_8)));
        bodies.put("bare NUL", Buffer.buffer(new byte[] {0}));
        return bodies;
    }

    /** Values of the wrong type or absurd size, for any property. */
    private static Map<String, Object> wrongValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("42", 42);
        values.put("-1", -1);
        values.put("0", 0);
        values.put("1.5", 1.5);
        values.put("1e308", 1e308);
        values.put("-1e308", -1e308);
        values.put("Long.MAX", Long.MAX_VALUE);
        values.put("Long.MIN", Long.MIN_VALUE);
        values.put("huge integer", new java.math.BigInteger("9".repeat(40)));
        values.put("''", "");
        values.put("' '", "   ");
        values.put("NUL", "a\u0000b");
        values.put("lone surrogate", "\ud800");
        values.put("100k characters", "x".repeat(100_000));
        values.put("[]", new JsonArray());
        values.put("[mixed]", new JsonArray().add(1).add("a").addNull().add(new JsonObject()));
        values.put("{}", new JsonObject());
        values.put("{nested}", new JsonObject().put("a", new JsonObject().put("b", new JsonArray().add(1))));
        values.put("true", true);
        values.put("null", null);
        values.put("bad date", "2026-02-30");
        values.put("far date", "+999999999-12-31");
        values.put("bad instant", "2026-11-20T25:61:00Z");
        values.put("bad uuid", "not-a-uuid");
        values.put("nil uuid", "00000000-0000-0000-0000-000000000000");
        values.put("NaN", "NaN");
        values.put("-0", -0.0);
        values.put("Double.MAX", Double.MAX_VALUE);
        values.put("1.7e308", 1.7e308);
        values.put("1e307", 1e307);
        values.put("Double.MIN", Double.MIN_VALUE);
        values.put("2^53+1", 9_007_199_254_740_993L);
        return values;
    }

    /** Values no JSON encoder writes: numbers beyond any type, deep nesting, invalid UTF-8, raw NUL. */
    private static Map<String, Buffer> rawPropertyValues(JsonObject baseline, String property) {
        Map<String, Buffer> raw = new LinkedHashMap<>();
        String placeholder = "\"__fuzz__\"";
        JsonObject marked = baseline.copy().put(property, "__fuzz__");
        String template = marked.encode();
        for (Map.Entry<String, String> value : Map.of(
                "1e999999", "1e999999",
                "-1e999999", "-1e999999",
                "100-digit integer", "1" + "0".repeat(100),
                "NaN literal", "NaN",
                "5,000 nested arrays", "[".repeat(5_000) + "]".repeat(5_000)).entrySet()) {
            raw.put(value.getKey(), Buffer.buffer(template.replace(placeholder, value.getValue())));
        }
        int at = template.indexOf(placeholder);
        Buffer invalid = Buffer.buffer(template.substring(0, at + 1));
        invalid.appendBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, (byte) 0x28});
        invalid.appendString(template.substring(at + placeholder.length() - 1));
        raw.put("invalid UTF-8 and NUL", invalid);
        return raw;
    }

    /** Request lines with raw NUL, control and non-UTF-8 bytes, which no HTTP client sends: over plain sockets. */
    private int rawBytesInRequestLines(JsonObject paths) throws Exception {
        int count = 0;
        for (String template : paths.fieldNames()) {
            for (byte[] bad : List.of(new byte[] {0}, new byte[] {(byte) 0xff, (byte) 0xfe}, new byte[] {'\t', 0x7f},
                    new byte[] {(byte) 0xc0, (byte) 0xaf})) {
                String[] halves = (template.contains("{") ? template.replaceFirst("\\{[^}]+}", "\u0001") : template + "?q=\u0001")
                        .split("\u0001", -1);
                Buffer line = Buffer.buffer("GET ").appendString(halves[0]).appendBytes(bad).appendString(halves[1])
                        .appendString(" HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + owner.accessToken()
                                + "\r\nConnection: close\r\n\r\n");
                count++;
                try (RawHttp connection = new RawHttp(live.server().port())) {
                    connection.send(line.getBytes());
                    RawHttp.Response response = connection.read();
                    check("raw bytes in " + template, "GET", template, response.status(), response.header("Content-Type"),
                            response.body());
                }
            }
        }
        return count;
    }

    // --- sending and judging ---------------------------------------------------------------------------------------

    private void run(List<Case> cases) throws Exception {
        Iterator<Case> next = cases.iterator();
        while (next.hasNext()) {
            List<Case> batch = new ArrayList<>();
            List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
            while (next.hasNext() && batch.size() < IN_FLIGHT) {
                Case c = next.next();
                batch.add(c);
                answers.add(send(c));
            }
            for (int i = 0; i < batch.size(); i++) {
                Case c = batch.get(i);
                tried++;
                HttpResponse<Buffer> response;
                try {
                    response = answers.get(i).await(60, TimeUnit.SECONDS);
                } catch (Exception noAnswer) {
                    failures.add(c.method() + " " + abbreviate(c.path()) + " [" + c.name() + "]: no answer (" + noAnswer + ")");
                    continue;
                }
                check(c.name(), c.method().name(), c.path(), response.statusCode(), response.getHeader("Content-Type"),
                        response.bodyAsString());
            }
        }
    }

    private Future<HttpResponse<Buffer>> send(Case c) {
        HttpRequest<Buffer> request = client.request(c.method(), live.server().port(), "localhost", c.path());
        c.headers().forEach(request::putHeader);
        return c.body() == null ? request.send() : request.sendBuffer(c.body());
    }

    private void check(String name, String method, String path, int status, String contentType, String body) {
        String where = method + " " + abbreviate(path) + " [" + name + "] → " + status + " ";
        if (status >= 500) {
            failures.add(where + abbreviate(body));
            return;
        }
        // every answer, fuzzed or not, keeps the document's promise for its operation (status listed, body shape)
        OpenApiContract.get().problems(method, path, status, contentType, body)
                .forEach(problem -> failures.add(where + abbreviate(problem)));
        if (status < 400) {
            return;
        }
        if (contentType == null || !contentType.startsWith("application/json")) {
            failures.add(where + "not JSON (" + contentType + "): " + abbreviate(body));
            return;
        }
        try {
            JsonObject error = new JsonObject(body);
            if (!Integer.valueOf(status).equals(error.getValue("status")) || !(error.getValue("message") instanceof String m)
                    || m.isBlank()) {
                failures.add(where + "not {status, message}: " + abbreviate(body));
            }
        } catch (RuntimeException notAnObject) {
            failures.add(where + "not a JSON object: " + abbreviate(body));
        }
    }

    // --- reading the document --------------------------------------------------------------------------------------

    private static List<JsonObject> parameters(JsonObject operation) {
        List<JsonObject> parameters = new ArrayList<>();
        JsonArray declared = operation.getJsonArray("parameters", new JsonArray());
        for (int i = 0; i < declared.size(); i++) {
            parameters.add(declared.getJsonObject(i));
        }
        return parameters;
    }

    /** The path with its parameters filled: the fuzzed one as given, the others with ids that exist (or do not). */
    private String fill(String template, HttpMethod method, Map<String, String> given) {
        String path = template;
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (names.find()) {
            String name = names.group(1);
            String value = given.containsKey(name) ? given.get(name)
                    // a DELETE of the one client would end the suite's fuzzing of its data
                    : name.equals("id") && template.startsWith("/api/clients/") && method != HttpMethod.DELETE
                    ? clientId.toString()
                    : name.equals("token") ? "zfs_" + "B".repeat(60) : UUID.randomUUID().toString();
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    private JsonObject properties(JsonObject operation) {
        JsonObject properties = new JsonObject();
        collectProperties(schemaOf(operation), properties, 0);
        return properties;
    }

    private JsonObject schemaOf(JsonObject operation) {
        JsonObject content = operation.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject());
        JsonObject json = content.getJsonObject("application/json");
        return json == null ? new JsonObject() : resolve(json.getJsonObject("schema", new JsonObject()));
    }

    private JsonObject resolve(JsonObject schema) {
        String ref = schema.getString("$ref");
        if (ref == null) {
            return schema;
        }
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        return document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name, new JsonObject());
    }

    private void collectProperties(JsonObject schema, JsonObject into, int depth) {
        if (depth > 4) {
            return;
        }
        JsonObject own = schema.getJsonObject("properties");
        if (own != null) {
            for (String name : own.fieldNames()) {
                into.put(name, resolve(own.getJsonObject(name)));
            }
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            JsonArray parts = schema.getJsonArray(combinator);
            if (parts != null) {
                for (int i = 0; i < parts.size(); i++) {
                    collectProperties(resolve(parts.getJsonObject(i)), into, depth + 1);
                }
            }
        }
    }

    /** A plausible body: every documented property with a value of its type, so that one bad value gets far. */
    private JsonObject baseline(JsonObject operation) {
        JsonObject body = new JsonObject();
        JsonObject properties = properties(operation);
        for (String name : properties.fieldNames()) {
            body.put(name, plausible(name, properties.getJsonObject(name)));
        }
        return body;
    }

    private Object plausible(String name, JsonObject schema) {
        JsonArray examples = schema.getJsonArray("examples");
        if (examples != null && !examples.isEmpty()) {
            return examples.getValue(0);
        }
        JsonArray choices = schema.getJsonArray("enum");
        if (choices != null && !choices.isEmpty()) {
            return choices.getValue(0);
        }
        Object type = schema.getValue("type");
        if (type instanceof JsonArray types) {
            type = types.stream().filter(t -> !"null".equals(t)).findFirst().orElse("string");
        }
        String format = schema.getString("format", "");
        return switch (String.valueOf(type)) {
            case "integer" -> 1;
            case "number" -> 1.5;
            case "boolean" -> true;
            case "array" -> new JsonArray();
            case "object" -> new JsonObject();
            default -> switch (format) {
                case "uuid" -> name.toLowerCase(Locale.ROOT).contains("client") ? clientId.toString() : UUID.randomUUID().toString();
                case "date" -> "2026-11-20";
                case "date-time" -> "2026-11-20T00:00:00Z";
                case "email" -> "fuzz@example.com";
                case "uri" -> "https://example.com/";
                default -> "fuzz";
            };
        };
    }

    private static Map<String, String> withJson(Map<String, String> headers) {
        Map<String, String> with = new LinkedHashMap<>(headers);
        with.put("Content-Type", "application/json");
        return with;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 160 ? text : text.substring(0, 160) + "…(" + text.length() + ")";
    }
}
