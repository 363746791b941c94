package com.zoomfactor.domain.score;

import java.time.LocalDate;
import java.util.List;

/**
 * A score with its whole explanation: {@code quality} is the sum of the components' contributions and
 * {@code score = quality × authenticity.factor}. Values are not rounded.
 *
 * @param coverage share (0..1) of the catalogue metrics the components use that had data in the window
 * @param weights  the weights the caller asked for; each component's effective weight is in {@link ComponentScore}
 */
public record ZoomFactor(LocalDate asOf, double score, double quality, double coverage, String methodologyVersion,
                         Weights weights, Authenticity authenticity, List<ComponentScore> components,
                         List<Driver> drivers) {

    public ZoomFactor {
        components = List.copyOf(components);
        drivers = List.copyOf(drivers);
    }

    public ComponentScore component(Component key) {
        return components.stream().filter(c -> c.key() == key).findFirst().orElseThrow();
    }
}
