package com.zoomfactor.backend.tracking;

import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One request of the script, read and bounded: {@code {site, name, url, referrer?, width?, engagedMs?, props?,
 * returning?}} as JSON (sent as text/plain by the script, to need no CORS preflight). Malformed → 400.
 */
public record Hit(String site, String name, String host, String path, String referrerHost, String referrerPath,
                  String utmSource, String utmMedium, String utmCampaign, Integer width, Integer engagedMs,
                  JsonObject props, Boolean returning) {

    static final int MAX_BODY_BYTES = 4 * 1024;
    static final int MAX_PROPS = 20;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} _.:/-]{1,64}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    /** The body as a hit; a 400 naming the first mistake otherwise. */
    public static Hit parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("The request needs a JSON object body");
        }
        JsonObject json;
        try {
            Object parsed = body.toJsonValue();
            if (!(parsed instanceof JsonObject object)) {
                throw ApiException.badRequest("The request body must be a JSON object");
            }
            json = object;
        } catch (DecodeException e) {
            throw ApiException.badRequest("The request body is not valid JSON");
        }
        String site = text(json, "site", 64, true);
        if (!KEY.matcher(site).matches()) {
            throw ApiException.badRequest("site is not a site key");
        }
        String name = text(json, "name", 64, true);
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name must be 1 to 64 letters, digits, spaces or _ . : / -");
        }
        URI url = web(text(json, "url", 2000, true), "url");
        String referrer = text(json, "referrer", 2000, false);
        URI referrerUrl = referrer == null || referrer.isBlank() ? null : webOrNull(referrer);
        Map<String, String> query = query(url.getRawQuery());
        Integer width = number(json, "width", 100_000);
        Integer engagedMs = number(json, "engagedMs", 24 * 3600 * 1000);
        JsonObject props = props(json);
        Object returning = json.getValue("returning");
        if (returning != null && !(returning instanceof Boolean)) {
            throw ApiException.badRequest("returning must be true or false");
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return new Hit(site, name, url.getHost().toLowerCase(Locale.ROOT), cut(path, 1000),
                referrerUrl == null ? null : referrerUrl.getHost().toLowerCase(Locale.ROOT),
                referrerUrl == null ? null : cut(referrerUrl.getRawPath() == null || referrerUrl.getRawPath().isEmpty()
                        ? "/" : referrerUrl.getRawPath(), 1000),
                cut(query.get("utm_source"), 200), cut(query.get("utm_medium"), 200),
                cut(query.get("utm_campaign"), 200), width, engagedMs, props, (Boolean) returning);
    }

    private static String text(JsonObject json, String field, int max, boolean required) {
        Object value = json.getValue(field);
        if (value == null) {
            if (required) {
                throw ApiException.badRequest(field + " is required");
            }
            return null;
        }
        if (!(value instanceof String text) || text.length() > max || text.indexOf('\0') >= 0) {
            throw ApiException.badRequest(field + " must be a text of at most " + max + " characters");
        }
        return text;
    }

    private static URI web(String text, String field) {
        URI url = webOrNull(text);
        if (url == null) {
            throw ApiException.badRequest(field + " must be an absolute http or https URL");
        }
        return url;
    }

    private static URI webOrNull(String text) {
        try {
            URI url = new URI(text.trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || url.getHost() == null) {
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static Integer number(JsonObject json, String field, int max) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || number.doubleValue() < 0 || number.doubleValue() > max) {
            throw ApiException.badRequest(field + " must be a number from 0 to " + max);
        }
        return (int) Math.round(number.doubleValue());
    }

    private static JsonObject props(JsonObject json) {
        Object value = json.getValue("props");
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject props) || props.size() > MAX_PROPS) {
            throw ApiException.badRequest("props must be an object of at most " + MAX_PROPS + " fields");
        }
        for (Map.Entry<String, Object> entry : props) {
            Object prop = entry.getValue();
            if (entry.getKey().isEmpty() || entry.getKey().length() > 64
                    || !(prop instanceof String || prop instanceof Number || prop instanceof Boolean)
                    || prop instanceof String text && (text.length() > 500 || text.indexOf('\0') >= 0)
                    || entry.getKey().indexOf('\0') >= 0) {
                throw ApiException.badRequest("props: keys of 1 to 64 characters, values texts of at most 500"
                        + " characters, numbers or booleans");
            }
        }
        return props;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new java.util.HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String key = pair.substring(0, eq);
                if (key.startsWith("utm_")) {
                    try {
                        values.putIfAbsent(key, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        // a broken escape: the parameter is left out
                    }
                }
            }
        }
        return values;
    }

    private static String cut(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max);
    }
}
