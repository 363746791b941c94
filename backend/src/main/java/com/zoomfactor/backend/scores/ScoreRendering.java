package com.zoomfactor.backend.scores;

import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.domain.score.ScoreWindow;
import com.zoomfactor.domain.score.ZoomFactor;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The score's JSON: the explanation GET /api/clients/{id}/score answers (also stored with each snapshot, so that a
 * read answers it as it was rendered), and the live {@code score} event, which carries the same explanation beside the
 * history point so that a dashboard updates in place without asking again.
 */
final class ScoreRendering {

    private ScoreRendering() {
    }

    /** The engine's explanation, with the client and the window the score read (so screens need not assume one). */
    static JsonObject explanation(UUID clientId, ZoomFactor score, ScoreWindow window) {
        return JsonResponses.toJsonObject(score).put("clientId", clientId.toString())
                .put("window", JsonResponses.toJsonObject(window));
    }

    /** The history point's fields (as GET /score/history lists them) plus {@code explanation}. */
    static JsonObject liveEvent(ScoreSnapshot snapshot, JsonObject explanation) {
        return JsonResponses.toJsonObject(snapshot).put("explanation", explanation);
    }
}
