package com.zoomfactor.backend.tracking;

import com.zoomfactor.backend.http.ApiException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request of the script, read and bounded: {@code {site, name, url, referrer?, width?, engagedMs?, props?,
 * returning?}} as JSON (sent as text/plain by the script, to need no CORS preflight). Malformed → 400. The body is
 * read once with Jackson's streaming parser (no tree of the whole body), then checked field by field in a fixed order,
 * whatever the order of the fields in the body; {@code props} is kept as JSON text.
 */
public record Hit(String site, String name, String host, String path, String referrerHost, String referrerPath,
                  String utmSource, String utmMedium, String utmCampaign, Integer width, Integer engagedMs,
                  String props, Boolean returning) {

    static final int MAX_BODY_BYTES = 4 * 1024;
    static final int MAX_PROPS = 20;

    /** A field's JSON value as read: a String, a Number, a Boolean, a props map, or {@link #OTHER}. */
    private static final Object OTHER = new Object();
    /**
     * Read over the body's bytes (Vert.x's own parser reads through an InputStream: a third of the parsing's time);
     * comments allowed, as Vert.x's codec allows them.
     */
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    /** A number in props, as written in the body (valid JSON as it is, whatever its size). */
    private record Literal(String text) {
    }

    /** The body as a hit; a 400 naming the first mistake otherwise. */
    public static Hit parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("The request needs a JSON object body");
        }
        Fields json = read(body);
        String site = text(json.site, "site", 64, true);
        if (!siteKey(site)) {
            throw ApiException.badRequest("site is not a site key");
        }
        String name = text(json.name, "name", 64, true);
        if (!eventName(name)) {
            throw ApiException.badRequest("name must be 1 to 64 letters, digits, spaces or _ . : / -");
        }
        WebUrl url = WebUrl.parse(text(json.url, "url", 2000, true));
        if (url == null) {
            throw ApiException.badRequest("url must be an absolute http or https URL");
        }
        String referrer = text(json.referrer, "referrer", 2000, false);
        WebUrl referrerUrl = referrer == null || referrer.isBlank() ? null : WebUrl.parse(referrer);
        Map<String, String> query = query(url.rawQuery());
        Integer width = number(json.width, "width", 100_000);
        Integer engagedMs = number(json.engagedMs, "engagedMs", 24 * 3600 * 1000);
        String props = props(json.props);
        if (json.returning != null && !(json.returning instanceof Boolean)) {
            throw ApiException.badRequest("returning must be true or false");
        }
        String path = url.rawPath() == null || url.rawPath().isEmpty() ? "/" : url.rawPath();
        return new Hit(site, name, url.host(), cut(path, 1000),
                referrerUrl == null ? null : referrerUrl.host(),
                referrerUrl == null ? null : cut(referrerUrl.rawPath() == null || referrerUrl.rawPath().isEmpty()
                        ? "/" : referrerUrl.rawPath(), 1000),
                cut(query.get("utm_source"), 200), cut(query.get("utm_medium"), 200),
                cut(query.get("utm_campaign"), 200), width, engagedMs, props, (Boolean) json.returning);
    }

    /** The known fields' values (null: absent or JSON null, as before); the last of a repeated field counts. */
    private static final class Fields {
        Object site;
        Object name;
        Object url;
        Object referrer;
        Object width;
        Object engagedMs;
        Object props;
        Object returning;
    }

    private static Fields read(Buffer body) {
        Fields fields = new Fields();
        try (JsonParser parser = JSON.createParser(body.getBytes())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                // valid JSON of another kind, or not JSON at all: told apart as before
                parser.skipChildren();
                if (parser.nextToken() != null) {
                    throw ApiException.badRequest("The request body is not valid JSON");
                }
                throw ApiException.badRequest("The request body must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "site" -> fields.site = scalar(parser, token);
                    case "name" -> fields.name = scalar(parser, token);
                    case "url" -> fields.url = scalar(parser, token);
                    case "referrer" -> fields.referrer = scalar(parser, token);
                    case "width" -> fields.width = scalar(parser, token);
                    case "engagedMs" -> fields.engagedMs = scalar(parser, token);
                    case "returning" -> fields.returning = scalar(parser, token);
                    case "props" -> fields.props = token == JsonToken.START_OBJECT ? object(parser) : scalar(parser, token);
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw ApiException.badRequest("The request body is not valid JSON");
            }
            return fields;
        } catch (IOException e) {
            throw ApiException.badRequest("The request body is not valid JSON");
        }
    }

    /** A scalar as itself, JSON null as null, an array or object (skipped) as {@link #OTHER}. */
    private static Object scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> {
                parser.skipChildren();
                yield OTHER;
            }
        };
    }

    /**
     * An object's fields (the parser on its start): texts, booleans, numbers as {@link Literal}s, null as null, a
     * nested array or object as {@link #OTHER}; the last of a repeated key counts, in its first place.
     */
    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken token = parser.nextToken();
            fields.put(key, token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                    ? new Literal(parser.getText()) : scalar(parser, token));
        }
        return fields;
    }

    private static String text(Object value, String field, int max, boolean required) {
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

    /** 16 to 64 of {@code A-Z a-z 0-9 _ -}. */
    private static boolean siteKey(String text) {
        if (text.length() < 16 || text.length() > 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** 1 to 64 code points, each a letter, a number (any Unicode ones) or one of {@code " _.:/-"}. */
    private static boolean eventName(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            count++;
            int type = Character.getType(c);
            boolean number = type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                    || type == Character.OTHER_NUMBER;
            if (!Character.isLetter(c) && !number && " _.:/-".indexOf(c) < 0) {
                return false;
            }
        }
        return count >= 1 && count <= 64;
    }

    private static Integer number(Object value, String field, int max) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || number.doubleValue() < 0 || number.doubleValue() > max) {
            throw ApiException.badRequest(field + " must be a number from 0 to " + max);
        }
        return (int) Math.round(number.doubleValue());
    }

    /** The props as JSON text, or null; a 400 unless an object of at most {@link #MAX_PROPS} flat fields. */
    private static String props(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> props) || props.size() > MAX_PROPS) {
            throw ApiException.badRequest("props must be an object of at most " + MAX_PROPS + " fields");
        }
        StringBuilder json = new StringBuilder(64).append('{');
        for (Map.Entry<?, ?> entry : props.entrySet()) {
            String key = (String) entry.getKey();
            Object prop = entry.getValue();
            if (key.isEmpty() || key.length() > 64
                    || !(prop instanceof String || prop instanceof Literal || prop instanceof Boolean)
                    || prop instanceof String text && (text.length() > 500 || text.indexOf('\0') >= 0)
                    || key.indexOf('\0') >= 0) {
                throw ApiException.badRequest("props: keys of 1 to 64 characters, values texts of at most 500"
                        + " characters, numbers or booleans");
            }
            if (json.length() > 1) {
                json.append(',');
            }
            quoted(json, key).append(':');
            if (prop instanceof String text) {
                quoted(json, text);
            } else if (prop instanceof Literal number) {
                json.append(number.text());
            } else {
                json.append(prop);
            }
        }
        return json.append('}').toString();
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    private static StringBuilder quoted(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || !raw.contains("utm_")) {
            return Map.of();
        }
        Map<String, String> values = new java.util.HashMap<>();
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
