package com.zoomfactor.backend.observations;

import com.zoomfactor.backend.http.ApiException;
import java.util.List;
import java.util.Map;

/** A batch with bad items (points, posts, CSV rows): 422, every problem listed (up to {@link #MAX_LISTED}), and nothing written. */
public final class InvalidPoints extends ApiException {

    /** Enough to fix a file by; more would only make the answer huge. */
    public static final int MAX_LISTED = 1_000;

    public InvalidPoints(List<PointError> errors, int total) {
        super(422, describe(errors.size(), total), Map.of("errors", errors.subList(0, Math.min(errors.size(), MAX_LISTED))),
                Map.of());
    }

    private static String describe(int problems, int total) {
        String listed = problems > MAX_LISTED ? " (the first " + MAX_LISTED + " are listed)" : "";
        return problems + " problem(s) in " + total + " item(s); nothing was written" + listed;
    }
}
