package com.zoomfactor.backend.observations;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonResponses;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code {"points":[...]}} straight from the bytes with Jackson's streaming parser, point by point, into
 * {@link PointReader}: no tree of maps for thousands of points (it was the largest cost of ingestion on our side).
 * Every problem is collected with its index; a body that is not a JSON object of that shape is a 400.
 */
final class BatchReader {

    private static final JsonFactory JSON = JsonResponses.mapper().getFactory();

    private BatchReader() {
    }

    static List<Point> read(Buffer body, int maxPoints, LocalDate today) {
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("The request needs a JSON object body");
        }
        PointReader reader = new PointReader(today);
        List<Point> points = new ArrayList<>();
        List<PointError> errors = new ArrayList<>();
        int count = -1;
        try (JsonParser json = JSON.createParser(body.getBytes())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("The request body must be a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken token = json.nextToken();
                if (!field.equals("points")) {
                    json.skipChildren();
                    continue;
                }
                if (count >= 0) {
                    throw ApiException.badRequest("points must be given once");
                }
                if (token != JsonToken.START_ARRAY) {
                    throw ApiException.badRequest("points must be a list");
                }
                count = 0;
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    if (count == maxPoints) {
                        throw new ApiException(413, "A request holds at most " + maxPoints
                                + " points: split it into several requests");
                    }
                    readPoint(json, count, reader, points, errors);
                    count++;
                }
            }
            if (json.nextToken() != null) {
                throw ApiException.badRequest("The request body must hold one JSON object");
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (count < 0) {
            throw ApiException.badRequest("points is required");
        }
        if (count == 0) {
            throw ApiException.badRequest("points must hold at least one point");
        }
        if (!errors.isEmpty()) {
            throw new InvalidPoints(errors, count);
        }
        return points;
    }

    private static void readPoint(JsonParser json, int index, PointReader reader, List<Point> points,
                                  List<PointError> errors) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            errors.add(PointError.atIndex(index, "point", "must be a JSON object"));
            json.skipChildren();
            return;
        }
        String metric = null;
        String date = null;
        String from = null;
        String to = null;
        String dimension = null;
        String competitor = null;
        String source = null;
        Object value = null;
        int problems = errors.size();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            switch (field) {
                case "metric" -> metric = text(json, token, index, field, errors);
                case "date" -> date = text(json, token, index, field, errors);
                case "from" -> from = text(json, token, index, field, errors);
                case "to" -> to = text(json, token, index, field, errors);
                case "dimension" -> dimension = text(json, token, index, field, errors);
                case "competitorId" -> competitor = text(json, token, index, field, errors);
                case "source" -> source = text(json, token, index, field, errors);
                case "value" -> {
                    if (token.isNumeric()) {
                        value = json.getDoubleValue();
                    } else if (token != JsonToken.VALUE_NULL) {
                        errors.add(PointError.atIndex(index, field, "must be a number"));
                        json.skipChildren();
                    }
                }
                default -> json.skipChildren();
            }
        }
        if (errors.size() > problems) {
            return;
        }
        reader.read(new PointReader.Fields(metric, date, from, to, value, dimension, competitor, source),
                (field, message) -> errors.add(PointError.atIndex(index, field, message)))
                .ifPresent(points::add);
    }

    private static String text(JsonParser json, JsonToken token, int index, String field, List<PointError> errors)
            throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return json.getText();
        }
        if (token != JsonToken.VALUE_NULL) {
            errors.add(PointError.atIndex(index, field, "must be a string"));
            json.skipChildren();
        }
        return null;
    }
}
