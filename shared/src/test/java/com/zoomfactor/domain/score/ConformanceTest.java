package com.zoomfactor.domain.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published conformance vectors (docs/conformance.md) against the engine: each stored input is read back from its
 * JSON, scored, and the explanation compared with the stored one, numbers to 0.01 and strings exactly. Run with
 * {@code -Dconformance.write=true} to regenerate the folder after a change of methodology.
 */
class ConformanceTest {

    private static final double TOLERANCE = 0.01;

    @Test
    void everyVectorIsReproduced() throws IOException {
        if (Boolean.getBoolean("conformance.write")) {
            ConformanceVectors.write();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(ConformanceVectors.FOLDER)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files.stream().map(p -> p.getFileName().toString().replace(".json", "")).toList())
                .as("the stored vectors are the generator's cases (regenerate with -Dconformance.write=true)")
                .containsExactlyInAnyOrderElementsOf(
                        ConformanceVectors.cases().stream().map(ConformanceVectors.Case::name).toList());
        List<String> differences = new ArrayList<>();
        for (Path file : files) {
            JsonNode vector = ConformanceVectors.MAPPER.readTree(file.toFile());
            ScoreInput input = ConformanceVectors.MAPPER.treeToValue(vector.get("input"), ScoreInput.class);
            JsonNode actual = ConformanceVectors.MAPPER.valueToTree(ScoreEngine.score(input));
            compare(vector.get("name").asText(), "$", vector.get("expected"), actual, differences);
        }
        assertThat(differences).as("differences from the stored vectors").isEmpty();
    }

    @Test
    void theComparisonSeesADifference() {
        JsonNode a = ConformanceVectors.MAPPER.valueToTree(ScoreEngine.score(ConformanceVectors.cases().get(1).input()));
        JsonNode b = a.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) b).put("score", a.get("score").asDouble() + 0.02);
        List<String> differences = new ArrayList<>();
        compare("case", "$", a, b, differences);
        assertThat(differences).singleElement().asString().contains("$.score");
        differences.clear();
        ((com.fasterxml.jackson.databind.node.ObjectNode) b).put("score", a.get("score").asDouble() + 0.009);
        compare("case", "$", a, b, differences);
        assertThat(differences).isEmpty();
    }

    /** Numbers to 0.01, everything else exactly; each difference named by case and JSON path. */
    static void compare(String name, String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isNumber() && actual.isNumber()) {
            if (Math.abs(expected.asDouble() - actual.asDouble()) > TOLERANCE) {
                out.add(name + " " + path + ": expected " + expected + ", got " + actual);
            }
        } else if (expected.isObject() && actual.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            expected.fieldNames().forEachRemaining(keys::add);
            actual.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                if (!expected.has(key) || !actual.has(key)) {
                    out.add(name + " " + path + "." + key + ": " + (expected.has(key) ? "missing" : "unexpected"));
                } else {
                    compare(name, path + "." + key, expected.get(key), actual.get(key), out);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(name + " " + path + ": expected " + expected.size() + " elements, got " + actual.size()
                        + " (" + actual + ")");
                return;
            }
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                compare(name, path + "[" + i + "]", e.next(), a.next(), out);
            }
        } else if (!expected.equals(actual)) {
            out.add(name + " " + path + ": expected " + expected + ", got " + actual);
        }
    }
}
