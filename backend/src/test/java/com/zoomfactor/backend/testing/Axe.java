package com.zoomfactor.backend.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * axe-core, the accessibility rules engine, run in a Playwright page against the WCAG 2.0 and 2.1 A and AA rules.
 * The engine is the frontend's devDependency ({@code frontend/node_modules/axe-core}, there once {@code npm ci} ran,
 * as every build of the frontend does); it is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy (scripts from the server only) does not stop, so the page is tested as served.
 */
public final class Axe {

    private static final Path SCRIPT = Path.of("..", "frontend", "node_modules", "axe-core", "axe.min.js");
    private static final String RUN = """
            async () => JSON.stringify((await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                resultTypes: ['violations']
            })).violations)""";

    private static String source;

    private Axe() {
    }

    /** Each violation on the page as "rule (impact): what it is — the elements' selectors"; empty when none. */
    public static List<String> violations(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe !== 'undefined'"))) {
            page.evaluate(script());
        }
        JsonArray found = new JsonArray((String) page.evaluate(RUN));
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            JsonObject violation = found.getJsonObject(i);
            List<String> targets = new ArrayList<>();
            violation.getJsonArray("nodes").forEach(node -> targets.add(((JsonObject) node).getJsonArray("target")
                    .encode()));
            violations.add(violation.getString("id") + " (" + violation.getString("impact") + "): "
                    + violation.getString("help") + " — " + String.join(", ", targets));
        }
        return violations;
    }

    private static synchronized String script() {
        if (source == null) {
            if (!Files.isRegularFile(SCRIPT)) {
                fail("axe-core is missing at " + SCRIPT.toAbsolutePath() + ": run npm ci in frontend/ (or build it)");
            }
            try {
                source = Files.readString(SCRIPT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }
}
