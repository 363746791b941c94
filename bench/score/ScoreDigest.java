package com.zoomfactor.bench;

import com.zoomfactor.domain.score.ScoreEngine;
import com.zoomfactor.domain.score.ScoreInput;
import com.zoomfactor.domain.score.ZoomFactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Scores the benchmark's portfolio once and prints a SHA-256 of every result in full (each double, signal and driver
 * as the records print them): the same digest before and after an engine change means the same results.
 * Run with: bench/score.sh --digest
 */
public final class ScoreDigest {

    public static void main(String[] args) throws Exception {
        List<ScoreInput> clients = SyntheticClients.portfolio(ScoreBench.SEED, ScoreBench.PORTFOLIO);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        double[] scores = new double[clients.size()];
        int signals = 0;
        for (int i = 0; i < clients.size(); i++) {
            ZoomFactor z = ScoreEngine.score(clients.get(i));
            sha.update(z.toString().getBytes(StandardCharsets.UTF_8));
            scores[i] = z.score();
            signals += z.authenticity().signals().size();
        }
        Arrays.sort(scores);
        System.out.printf(Locale.ROOT, "%d clients: score min %.2f, median %.2f, max %.2f; %d signals%n",
                scores.length, scores[0], scores[scores.length / 2], scores[scores.length - 1], signals);
        System.out.println("sha256 " + HexFormat.of().formatHex(sha.digest()));
    }
}
