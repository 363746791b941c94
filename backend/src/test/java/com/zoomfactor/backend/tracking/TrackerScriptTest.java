package com.zoomfactor.backend.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrackerScriptTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    @Test
    void theServedScriptIsUnderOneAndAHalfKilobytesGzipped() throws IOException {
        byte[] script = TrackingHandlers.scriptBytes();
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(script);
        }
        assertThat(zipped.size()).as("zf.js gzipped").isLessThan(1536);
        String text = new String(script, StandardCharsets.UTF_8);
        assertThat(text).contains("/api/events", "sendBeacon", "pushState", "popstate", "webdriver", "prerendering",
                "localhost", "data-returning", "visibilitychange", "pagehide").doesNotContain("document.cookie");
    }

    @Test
    void theScriptIsServedCacheableAsJavaScript() {
        HttpResponse<Buffer> served = live.http().get("/zf.js");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.getHeader("Content-Type")).startsWith("text/javascript");
        assertThat(served.getHeader("Cache-Control")).contains("public", "max-age=");
        assertThat(served.getHeader("Cross-Origin-Resource-Policy")).isEqualTo("cross-origin");
        assertThat(served.body().getBytes()).isEqualTo(TrackingHandlers.scriptBytes());
    }
}
