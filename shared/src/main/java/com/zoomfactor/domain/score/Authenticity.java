package com.zoomfactor.domain.score;

import java.util.List;

/** The authenticity factor, the product of (1 − discount) over the signals that fired. */
public record Authenticity(double factor, List<Signal> signals) {

    public Authenticity {
        signals = List.copyOf(signals);
    }
}
