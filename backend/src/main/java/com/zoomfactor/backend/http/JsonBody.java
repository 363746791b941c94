package com.zoomfactor.backend.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a request's JSON object body field by field. Every mistake — no body, not an object, a missing field,
 * a field of the wrong type or size — is a 400 whose message names the field.
 */
public final class JsonBody {

    private final JsonObject json;

    private JsonBody(JsonObject json) {
        this.json = json;
    }

    /** The body as an object; an empty body counts as {@code {}} when {@code emptyAllowed}. */
    public static JsonBody of(RoutingContext ctx, boolean emptyAllowed) {
        Buffer raw = ctx.body().buffer();
        if (raw == null || raw.length() == 0 || raw.toString().isBlank()) {
            if (emptyAllowed) {
                return new JsonBody(new JsonObject());
            }
            throw ApiException.badRequest("The request needs a JSON object body");
        }
        Object parsed;
        try {
            parsed = raw.toJsonValue();
        } catch (DecodeException e) {
            throw ApiException.badRequest("The request body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        return new JsonBody(object);
    }

    public static JsonBody of(RoutingContext ctx) {
        return of(ctx, false);
    }

    /** The whole body as an object (for bodies whose fields are data, not a fixed shape). */
    public static JsonObject object(RoutingContext ctx) {
        return of(ctx).json;
    }

    /** Fails with a 400 naming the first field that is not one of {@code known}. */
    public void refuseUnknownFields(java.util.Set<String> known) {
        for (String field : json.fieldNames()) {
            if (!known.contains(field)) {
                throw ApiException.badRequest("unknown field '" + field + "'; the fields are " + new java.util.TreeSet<>(known));
            }
        }
    }

    public boolean has(String field) {
        return json.containsKey(field);
    }

    /** The field's value as parsed (null when absent or null), for shapes the typed readers do not cover. */
    public Object raw(String field) {
        return json.getValue(field);
    }

    public String requiredText(String field, int maxLength) {
        return optionalText(field, maxLength).orElseThrow(() -> ApiException.badRequest(field + " is required"));
    }

    /** A trimmed, non-blank string of at most {@code maxLength} characters; absent or null is empty. */
    public Optional<String> optionalText(String field, int maxLength) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw ApiException.badRequest(field + " must be a string");
        }
        refuseNul(field, text);
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw ApiException.badRequest(field + " must not be empty");
        }
        if (trimmed.length() > maxLength) {
            throw ApiException.badRequest(field + " must have at most " + maxLength + " characters");
        }
        return Optional.of(trimmed);
    }

    /** A string exactly as sent (passwords are not trimmed); required. */
    public String requiredRaw(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
        if (!(value instanceof String text)) {
            throw ApiException.badRequest(field + " must be a string");
        }
        refuseNul(field, text);
        return text;
    }

    /** PostgreSQL cannot store the NUL character; it is no part of any sensible text either. */
    public static void refuseNul(String field, String text) {
        if (text.indexOf('\u0000') >= 0) {
            throw ApiException.badRequest(field + " must not contain the NUL character");
        }
    }

    public Optional<UUID> optionalUuid(String field) {
        return optionalText(field, 36).map(text -> {
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(field + " must be an id (UUID)");
            }
        });
    }

    /** A day (YYYY-MM-DD) within the dates the API accepts anywhere; absent or null is empty. */
    public Optional<java.time.LocalDate> optionalDate(String field) {
        return optionalText(field, 10).map(text -> {
            java.time.LocalDate date;
            try {
                date = java.time.LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(field + " must be a date (YYYY-MM-DD)");
            }
            if (date.isBefore(QueryParams.EARLIEST) || date.isAfter(QueryParams.LATEST)) {
                throw ApiException.badRequest(field + " must lie between " + QueryParams.EARLIEST + " and "
                        + QueryParams.LATEST);
            }
            return date;
        });
    }

    public Optional<Instant> optionalInstant(String field) {
        return optionalText(field, 64).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(field + " must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
            }
        });
    }

    /** An http:// or https:// address of at most 2048 characters; absent or null is empty. */
    public Optional<String> optionalWebAddress(String field) {
        return optionalText(field, 2048).map(text -> {
            if (!isWebAddress(text)) {
                throw ApiException.badRequest(field + " must be an http:// or https:// address");
            }
            return text;
        });
    }

    /** Whether the text is an absolute http:// or https:// address with a host. */
    public static boolean isWebAddress(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A JSON object; absent or null is empty. */
    public Optional<JsonObject> optionalObject(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonObject object)) {
            throw ApiException.badRequest(field + " must be a JSON object");
        }
        return Optional.of(object);
    }

    public JsonArray requiredArray(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiException.badRequest(field + " must be a list");
        }
        return array;
    }

    /** A list of strings; absent or null is empty. */
    public Optional<List<String>> optionalStrings(String field, int maxItems) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiException.badRequest(field + " must be a list of strings");
        }
        if (array.size() > maxItems) {
            throw ApiException.badRequest(field + " must have at most " + maxItems + " items");
        }
        List<String> strings = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String text)) {
                throw ApiException.badRequest(field + " must be a list of strings");
            }
            refuseNul(field, text);
            strings.add(text.trim());
        }
        return Optional.of(strings);
    }

    /**
     * A list of ids (UUIDs), in the order given, repeats counted once; absent or null is empty. A null, a
     * non-string or a malformed element is a 400 naming the field and the position.
     */
    public java.util.Set<UUID> optionalUuids(String field, int maxItems) {
        java.util.Set<UUID> ids = new java.util.LinkedHashSet<>();
        Object value = json.getValue(field);
        if (value == null) {
            return ids;
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiException.badRequest(field + " must be a list of ids (UUIDs)");
        }
        if (array.size() > maxItems) {
            throw ApiException.badRequest(field + " must have at most " + maxItems + " items");
        }
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof String text)) {
                throw ApiException.badRequest(field + "[" + i + "] must be an id (UUID), not "
                        + (array.getValue(i) == null ? "null" : "a " + typeName(array.getValue(i))));
            }
            try {
                ids.add(UUID.fromString(text.trim()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(field + "[" + i + "] must be an id (UUID)");
            }
        }
        return ids;
    }

    private static String typeName(Object value) {
        if (value instanceof JsonArray) {
            return "list";
        }
        if (value instanceof JsonObject) {
            return "object";
        }
        return value instanceof Number ? "number" : value instanceof Boolean ? "boolean" : "value";
    }
}
