package com.zoomfactor.domain.score;

import java.time.LocalDate;
import java.util.List;

/**
 * A score with its whole explanation: {@code quality} is the sum of the components' contributions and
 * {@code score = quality × authenticity.factor}. Values are not rounded.
 *
 * @param score    null when the client is not scored: no measured component carries weight (never a 0)
 * @param quality  null exactly when {@code score} is
 * @param coverage share (0..1) of the catalogue metrics the components use that had data in the window
 * @param weights  the weights the caller asked for; each component's effective weight is in {@link ComponentScore}
 * @param reason   why the client is not scored; null when it is
 */
public record ZoomFactor(LocalDate asOf, Double score, Double quality, double coverage, String methodologyVersion,
                         Weights weights, Authenticity authenticity, List<ComponentScore> components,
                         List<Driver> drivers, String reason) {

    public ZoomFactor {
        components = List.copyOf(components);
        drivers = List.copyOf(drivers);
    }

    /** Whether there is a score at all (some measured component carries weight). */
    public boolean scored() {
        return score != null;
    }

    public ComponentScore component(Component key) {
        return components.stream().filter(c -> c.key() == key).findFirst().orElseThrow();
    }
}
