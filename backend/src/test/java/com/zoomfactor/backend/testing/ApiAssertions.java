package com.zoomfactor.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** What every API error must look like. */
public final class ApiAssertions {

    private ApiAssertions() {
    }

    /** The status, a JSON body {status, message} (plus details, if any) with the same status and a message. */
    public static void assertError(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.fieldNames()).contains("status", "message");
        assertThat(body.getInteger("status")).isEqualTo(status);
        assertThat(body.getString("message")).isNotBlank();
    }
}
