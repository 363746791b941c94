package com.zoomfactor.backend.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoomfactor.backend.testing.OpenApiContract;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check every test response goes through (testing.OpenApiContract): it must catch what breaks the document. */
class OpenApiContractTest {

    private static final String JSON = "application/json";
    private static final String CLIENT = "/api/clients/7b0c63d4-3f6a-4f57-9f0e-3c1b1d2f6a10";
    private final OpenApiContract contract = OpenApiContract.get();

    private static String client() {
        return new JsonObject().put("id", "7b0c63d4-3f6a-4f57-9f0e-3c1b1d2f6a10").put("name", "Acme")
                .putNull("website").put("timeZone", "UTC").put("channels", new io.vertx.core.json.JsonArray())
                .put("demo", false).put("createdAt", "2026-01-02T03:04:05Z").put("updatedAt", "2026-01-02T03:04:05Z").putNull("score")
                .encode();
    }

    @Test
    void aDocumentedResponseThatMatchesPasses() {
        assertThat(contract.problems("GET", CLIENT + "?x=1", 200, JSON + "; charset=utf-8", client())).isEmpty();
        assertThat(contract.problems("GET", CLIENT, 404, JSON, "{\"status\":404,\"message\":\"no such client\"}"))
                .isEmpty();
        assertThat(contract.problems("DELETE", CLIENT, 204, null, "")).isEmpty();
    }

    @Test
    void aMissingOrMistypedFieldFailsWithTheOperationStatusPointerAndProblem() {
        String noName = new JsonObject(client()).put("name", 42).encode();
        assertThatThrownBy(() -> contract.check("GET", CLIENT, 200, JSON, noName))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/clients/{id} 200")
                .hasMessageContaining("/name")
                .hasMessageContaining("string");
        JsonObject missing = new JsonObject(client());
        missing.remove("timeZone");
        assertThat(contract.problems("GET", CLIENT, 200, JSON, missing.encode()))
                .anySatisfy(problem -> assertThat(problem).contains("timeZone"));
        assertThat(contract.problems("GET", CLIENT, 200, JSON, new JsonObject(client()).put("id", "nope").encode()))
                .anySatisfy(problem -> assertThat(problem).contains("/id"));
    }

    @Test
    void aFieldTheDocumentDoesNotNameFails() {
        String extra = new JsonObject(client()).put("secretNote", "x").encode();
        assertThat(contract.problems("GET", CLIENT, 200, JSON, extra))
                .anySatisfy(problem -> assertThat(problem).contains("secretNote"));
        // errors are open to details, as the document says
        assertThat(contract.problems("GET", CLIENT, 404, JSON, "{\"status\":404,\"message\":\"m\",\"hint\":1}")).isEmpty();
    }

    @Test
    void anUndocumentedStatusFails() {
        assertThat(contract.problems("GET", CLIENT, 418, JSON, "{\"status\":418,\"message\":\"teapot\"}"))
                .containsExactly("GET /api/clients/{id} does not document status 418");
        assertThat(contract.problems("GET", "/api/me", 409, JSON, "{\"status\":409,\"message\":\"x\"}"))
                .isNotEmpty();
    }

    @Test
    void theBodyMustBeTheDocumentedKind() {
        assertThat(contract.problems("DELETE", CLIENT, 204, JSON, "{}")).isNotEmpty();
        assertThat(contract.problems("GET", CLIENT, 200, "text/html", "<p>hi</p>")).isNotEmpty();
        assertThat(contract.problems("GET", CLIENT, 200, null, "")).isNotEmpty();
        assertThat(contract.problems("GET", CLIENT, 200, JSON, "not json")).isNotEmpty();
        assertThat(contract.problems("GET", CLIENT + "/report.pdf", 200, "application/pdf", "%PDF-1.7")).isEmpty();
        assertThat(contract.problems("GET", CLIENT + "/report.pdf", 200, JSON, "{}")).isNotEmpty();
    }

    @Test
    void pathsAreMatchedToTheirTemplates() {
        // a literal segment, next to /api/members/{userId}
        assertThat(contract.problems("GET", "/api/members/invitations", 200, JSON, "[]")).isEmpty();
        assertThat(contract.problems("GET", "/api/members/invitations", 200, JSON, "{}")).isNotEmpty();
    }

    @Test
    void requestsTheDocumentDoesNotDescribeAreSkippedButTheirErrorsAreErrors() {
        assertThat(contract.problems("GET", "/", 200, "text/html", "<html></html>")).isEmpty();
        assertThat(contract.problems("GET", "/assets/app.js", 200, "text/javascript", "x")).isEmpty();
        assertThat(contract.problems("GET", "/api/nowhere", 404, JSON, "{\"status\":404,\"message\":\"Not found\"}"))
                .isEmpty();
        assertThat(contract.problems("PUT", CLIENT, 405, JSON, "{\"status\":405,\"message\":\"Method not allowed\"}"))
                .isEmpty();
        assertThat(contract.problems("GET", "/api/nowhere", 404, JSON, "{\"error\":\"nope\"}")).isNotEmpty();
    }

    @Test
    void statusesComeFromTheOperationThenItsRangesThenTheAnswersEverywhere() {
        OpenApiContract tiny = OpenApiContract.of("""
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/a/{x}": {"get": {"responses": {
                     "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}},
                     "4XX": {"$ref": "#/components/responses/Problem"}}}}},
                 "components": {
                   "schemas": {"A": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}},
                               "Error": {"type": "object", "required": ["status"], "properties": {"status": {"type": "integer"}}}},
                   "responses": {"Problem": {"description": "p", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}},
                 "x-responses-everywhere": {"503": {"$ref": "#/components/responses/Problem"}}}
                """);
        assertThat(tiny.problems("GET", "/a/1", 200, JSON, "{\"n\": 1}")).isEmpty();
        assertThat(tiny.problems("GET", "/a/1", 200, JSON, "{\"n\": 1, \"m\": 2}")).hasSize(1);
        assertThat(tiny.problems("GET", "/a/1", 409, JSON, "{\"status\": 409}")).isEmpty();
        assertThat(tiny.problems("GET", "/a/1", 409, JSON, "{}")).hasSize(1);
        assertThat(tiny.problems("GET", "/a/1", 503, JSON, "{\"status\": 503}")).isEmpty();
        assertThat(tiny.problems("GET", "/a/1", 503, JSON, "[]")).isNotEmpty();
        assertThat(tiny.problems("GET", "/a/1", 502, JSON, "{\"status\": 502}"))
                .containsExactly("GET /a/{x} does not document status 502");
        assertThat(tiny.problems("GET", "/a/1/b", 200, JSON, "{}")).isEmpty(); // not described: skipped
    }

    @Test
    void everyDocumentedResponseSchemaResolves() throws Exception {
        JsonObject document;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi/openapi.json")) {
            document = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<String> unresolved = new ArrayList<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String template : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(template);
            for (String verb : item.fieldNames()) {
                JsonObject responses = item.getJsonObject(verb).getJsonObject("responses");
                String path = template.replaceAll("\\{[^}]+}", "x");
                for (String status : responses.fieldNames()) {
                    try {
                        // any body: what matters is that the schema loads and its references resolve
                        contract.problems(verb, path, Integer.parseInt(status), JSON, "{}");
                    } catch (RuntimeException e) {
                        unresolved.add(verb + " " + template + " " + status + ": " + e);
                    }
                }
            }
        }
        assertThat(unresolved).isEmpty();
    }
}
