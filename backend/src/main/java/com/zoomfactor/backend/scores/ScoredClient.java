package com.zoomfactor.backend.scores;

import com.zoomfactor.domain.score.ZoomFactor;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A client's computed score together with its explanation as the API renders it. */
public record ScoredClient(UUID clientId, ZoomFactor score, JsonObject explanation) {

    /** A client with no score ("not scored yet", never a 0) has nothing worth recording. */
    boolean measured() {
        return score.scored();
    }
}
