package com.zoomfactor.domain.score;

/** One sign of manufactured engagement, what it says and how much it takes off (a share, 0..cap). */
public record Signal(String key, String message, double discount) {
}
