package com.zoomfactor.backend.metrics;

import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.observations.ValueBounds;
import com.zoomfactor.domain.metrics.MetricCatalogue;

/**
 * A number given for a subject — a catalogue metric, or the Zoom Factor — as a goal's target or an alert's threshold:
 * a finite number in the subject's unit (0..100 for the score, what the metric's unit accepts otherwise).
 */
public final class SubjectValues {

    private SubjectValues() {
    }

    /** The body's {@code field} as a value of the metric (a catalogue key), or of the score when null; 400 naming it. */
    public static double required(JsonBody body, String field, String metricOrNull) {
        if (!(body.raw(field) instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw ApiException.badRequest(field + " is required and must be a number");
        }
        double value = number.doubleValue();
        if (metricOrNull == null) {
            if (value < 0 || value > 100) {
                throw ApiException.badRequest(field + ": the Zoom Factor lies between 0 and 100");
            }
        } else {
            ValueBounds.problemWith(MetricCatalogue.find(metricOrNull).orElseThrow().unit(), value).ifPresent(problem -> {
                throw ApiException.badRequest(field + ": " + problem);
            });
        }
        return value;
    }
}
