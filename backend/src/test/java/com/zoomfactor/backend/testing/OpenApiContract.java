package com.zoomfactor.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The API's document, {@code openapi/openapi.json}, as a check on every response the tests receive: the response is
 * matched to its operation (method and path template) and status, and its body validated against the documented
 * schema. A response the document does not promise fails the test ({@link #check} throws an AssertionError).
 *
 * <p>Rules: a status must be listed for the operation (or covered by a {@code 4XX}/{@code 5XX} range or a
 * {@code default} response, which the document does not use), or be one of the answers every operation may give,
 * listed once in the document's {@code x-responses-everywhere} (malformed HTTP, timeouts, sizes, 500, 503); a
 * documented JSON body is validated, a documented
 * body of another type must come with that content type, a response documented without content must have none.
 * Requests the document does not describe (unknown paths, other methods, the SPA's files) are skipped, except that
 * a JSON error there must still be the {@code Error} shape the document promises for every error.
 */
public final class OpenApiContract {

    private static final String RESOURCE = "openapi/openapi.json";
    // the document is registered under this IRI, so that its own "#/components/..." references resolve
    private static final String IRI = "https://zoom-factor.test/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVERYWHERE = "x-responses-everywhere";
    private static final Pattern PARAMETER = Pattern.compile("\\{[^/}]+}");

    private static volatile OpenApiContract instance;

    private record Template(String path, Pattern pattern, int literalSegments, JsonNode item) {
    }

    private final JsonNode document;
    private final List<Template> templates = new ArrayList<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(String text) throws IOException {
        document = JSON.readTree(text);
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = entry.getKey();
            StringBuilder regex = new StringBuilder("^");
            int last = 0;
            var matcher = PARAMETER.matcher(path);
            while (matcher.find()) {
                regex.append(Pattern.quote(path.substring(last, matcher.start()))).append("[^/]+");
                last = matcher.end();
            }
            regex.append(Pattern.quote(path.substring(last))).append('$');
            int literals = 0;
            for (String segment : path.split("/")) {
                if (!segment.isEmpty() && !segment.startsWith("{")) {
                    literals++;
                }
            }
            templates.add(new Template(path, Pattern.compile(regex.toString()), literals, entry.getValue()));
        }
        JsonNode closed = document.deepCopy();
        close(closed, false);
        ((ObjectNode) closed.path("components").path("schemas").path("Error")).remove("unevaluatedProperties");
        String closedText = JSON.writeValueAsString(closed);
        // the document's own fields are not schema keywords: known, so that loading it warns about nothing
        Dialect dialect = Dialect.builder(Dialects.getOpenApi31()).keywords(Stream.of("openapi", "info", "servers",
                "tags", "security", "paths", "components", "webhooks", "jsonSchemaDialect", EVERYWHERE)
                .map(NonValidationKeyword::new).toList()).build();
        registry = SchemaRegistry.withDialect(dialect, builder -> builder
                .schemas(Map.of(IRI, closedText))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER)
                        .formatAssertionsEnabled(true).build()));
    }

    /**
     * Reads every documented object as closed ({@code unevaluatedProperties: false}), so that a field the server
     * sends and the document does not name fails too: the document lists what a response has, not only part of it.
     * Left open: schemas that say otherwise, the members of an {@code allOf} (their composition is closed instead)
     * and {@code Error}, which the document declares open to details.
     */
    private static void close(JsonNode node, boolean memberOfAllOf) {
        if (node instanceof ObjectNode schema) {
            if (!memberOfAllOf && (schema.has("properties") || schema.has("allOf"))
                    && !schema.has("additionalProperties") && !schema.has("unevaluatedProperties")) {
                schema.put("unevaluatedProperties", false);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                switch (field.getKey()) {
                    case "example", "examples", "default", "const", "enum" -> {
                        // values, not schemas
                    }
                    case "properties", "patternProperties", "schemas", "paths", "responses", "content",
                         "parameters", "headers", "$defs" -> field.getValue().forEach(child -> close(child, false));
                    case "allOf" -> field.getValue().forEach(child -> close(child, true));
                    default -> close(field.getValue(), false);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(child -> close(child, false));
        }
    }

    /** The document on the test class path (the one the server serves), read once. */
    public static OpenApiContract get() {
        OpenApiContract current = instance;
        if (current == null) {
            synchronized (OpenApiContract.class) {
                current = instance;
                if (current == null) {
                    try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException(RESOURCE + " is not on the class path");
                        }
                        current = new OpenApiContract(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    instance = current;
                }
            }
        }
        return current;
    }

    /** Parses a document given as text (for the contract's own tests). */
    public static OpenApiContract of(String text) {
        try {
            return new OpenApiContract(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails with a readable AssertionError when this response breaks the document.
     *
     * @param target the request target as sent (path and optional query)
     * @param contentType the response's Content-Type header, or null
     * @param body the response body (empty when none)
     */
    public void check(String method, String target, int status, String contentType, String body) {
        List<String> problems = problems(method, target, status, contentType, body);
        if (!problems.isEmpty()) {
            throw new AssertionError("Response breaks openapi.json: " + method.toUpperCase(Locale.ROOT) + " " + target
                    + " answered " + status + ": " + String.join("; ", problems) + "\nBody: " + abbreviate(body));
        }
    }

    /** What is wrong with this response, empty when it keeps the document's promise. */
    public List<String> problems(String method, String target, int status, String contentType, String body) {
        String path = target;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String verb = method.toLowerCase(Locale.ROOT);
        Optional<Template> template = match(path, verb);
        if (template.isEmpty() || "head".equals(verb)) {
            return undescribed(status, contentType, body);
        }
        String operation = verb.toUpperCase(Locale.ROOT) + " " + template.get().path();
        JsonNode responses = template.get().item().path(verb).path("responses");
        String key = String.valueOf(status);
        if (!responses.has(key)) {
            key = status / 100 + "XX";
        }
        if (!responses.has(key)) {
            key = "default";
        }
        String pointer = "/paths/" + escape(template.get().path()) + "/" + verb + "/responses/" + key;
        if (!responses.has(key) && document.path(EVERYWHERE).has(String.valueOf(status))) {
            // the answers any operation may give (malformed HTTP, outages), listed once in the document
            responses = document.path(EVERYWHERE);
            key = String.valueOf(status);
            pointer = "/" + EVERYWHERE + "/" + key;
        }
        if (!responses.has(key)) {
            return List.of(operation + " does not document status " + status);
        }
        JsonNode response = responses.get(key);
        // a response given as a $ref to components/responses: its schema pointer is there
        for (int hops = 0; response.has("$ref") && hops < 10; hops++) {
            pointer = response.get("$ref").asText().substring(1);
            response = document.at(pointer);
        }
        JsonNode content = response.path("content");
        if (!content.isObject() || content.isEmpty()) {
            return body == null || body.isEmpty() ? List.of()
                    : List.of(operation + " " + status + " is documented without a body, got " + abbreviate(body));
        }
        String mediaType = mediaType(contentType);
        if (mediaType == null) {
            return List.of(operation + " " + status + " is documented with a body (" + names(content)
                    + "), got no Content-Type");
        }
        String documented = null;
        for (Iterator<String> it = content.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.equalsIgnoreCase(mediaType) || name.equals("*/*")
                    || (name.endsWith("/*") && mediaType.startsWith(name.substring(0, name.length() - 1)))) {
                documented = name;
                break;
            }
        }
        if (documented == null) {
            return List.of(operation + " " + status + " is documented as " + names(content) + ", got " + mediaType);
        }
        JsonNode schema = content.path(documented).path("schema");
        if (!isJson(mediaType) || schema.isMissingNode()) {
            return List.of();
        }
        String schemaPointer = pointer + "/content/" + escape(documented) + "/schema";
        return validate(operation + " " + status, schemaPointer, body);
    }

    private List<String> undescribed(int status, String contentType, String body) {
        String mediaType = mediaType(contentType);
        if (status < 400 || mediaType == null || !isJson(mediaType) || body == null || body.isEmpty()) {
            return List.of();
        }
        return validate("an undocumented request's error " + status, "/components/schemas/Error", body);
    }

    private List<String> validate(String what, String schemaPointer, String body) {
        JsonNode instance;
        try {
            instance = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            return List.of(what + ": the body is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (instance == null || instance.isMissingNode()) {
            return List.of(what + ": the JSON body is empty");
        }
        Schema schema = schemas.computeIfAbsent(schemaPointer,
                p -> registry.getSchema(SchemaLocation.of(IRI + "#" + encodeFragment(p))));
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(instance)) {
            String at = error.getInstanceLocation().toString();
            problems.add(what + " at " + (at.isEmpty() ? "/" : at) + ": " + error.getMessage()
                    + " (schema " + error.getSchemaLocation() + ")");
        }
        return problems;
    }

    /** The most specific template for this path that documents the method (literal segments beat parameters). */
    private Optional<Template> match(String path, String verb) {
        Template best = null;
        for (Template template : templates) {
            if (template.item().has(verb) && template.pattern().matcher(path).matches()
                    && (best == null || template.literalSegments() > best.literalSegments())) {
                best = template;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String names(JsonNode content) {
        List<String> names = new ArrayList<>();
        content.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String encodeFragment(String pointer) {
        return pointer.replace("%", "%25").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20");
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }
}
