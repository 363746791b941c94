package com.zoomfactor.domain.score;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The weight of each component. Weights need not add up to 1: they are renormalised over the components that are
 * measured. A component left out of the map weighs 0.
 */
public record Weights(Map<Component, Double> byComponent) {

    public Weights {
        Objects.requireNonNull(byComponent, "byComponent");
        EnumMap<Component, Double> copy = new EnumMap<>(Component.class);
        boolean anyPositive = false;
        for (Map.Entry<Component, Double> e : byComponent.entrySet()) {
            Objects.requireNonNull(e.getKey(), "component");
            Double w = e.getValue();
            if (w == null || !Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("the weight of " + e.getKey().key()
                        + " must be a finite non-negative number, not " + w);
            }
            anyPositive |= w > 0;
            copy.put(e.getKey(), w);
        }
        if (!anyPositive) {
            throw new IllegalArgumentException("at least one component must have a positive weight");
        }
        byComponent = Collections.unmodifiableMap(copy);
    }

    /** The documented defaults (docs/methodology.md); they add up to 1. */
    public static Weights defaults() {
        EnumMap<Component, Double> w = new EnumMap<>(Component.class);
        w.put(Component.ATTENTION, 0.15);
        w.put(Component.LOYALTY, 0.15);
        w.put(Component.REACH, 0.10);
        w.put(Component.AMPLIFICATION, 0.20);
        w.put(Component.CONVERSATION, 0.15);
        w.put(Component.DISCOVERABILITY, 0.10);
        w.put(Component.MOMENTUM, 0.15);
        return new Weights(w);
    }

    /** The same weights with one component's weight replaced. */
    public Weights with(Component component, double weight) {
        EnumMap<Component, Double> w = new EnumMap<>(Component.class);
        w.putAll(byComponent);
        w.put(component, weight);
        return new Weights(w);
    }

    /** The raw weight of a component, 0 when absent. */
    public double of(Component component) {
        return byComponent.getOrDefault(component, 0.0);
    }
}
