package com.zoomfactor.domain.score;

/**
 * A plain sentence about what moved the score since the previous window. {@code delta} is in points of quality:
 * (normalised value now − normalised value in the previous window) × the metric's weight × its component's weight,
 * both weights as they are now.
 */
public record Driver(String message, double delta) {
}
