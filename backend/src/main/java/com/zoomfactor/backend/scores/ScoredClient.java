package com.zoomfactor.backend.scores;

import com.zoomfactor.domain.score.ComponentScore;
import com.zoomfactor.domain.score.ZoomFactor;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A client's computed score together with its explanation as the API renders it. */
public record ScoredClient(UUID clientId, ZoomFactor score, JsonObject explanation) {

    /** A score with no measured component is "not measured", not a number worth recording. */
    boolean measured() {
        return score.components().stream().anyMatch(ComponentScore::measured);
    }
}
