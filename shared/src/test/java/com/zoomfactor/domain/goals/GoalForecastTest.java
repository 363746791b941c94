package com.zoomfactor.domain.goals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.domain.goals.GoalForecast.Forecast;
import com.zoomfactor.domain.goals.GoalForecast.Point;
import com.zoomfactor.domain.metrics.Polarity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class GoalForecastTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    /** The last {@code days} days up to today, valued by how many days ago they are. */
    private static List<Point> lastDays(int days, IntToDoubleFunction daysAgo) {
        List<Point> points = new ArrayList<>();
        for (int ago = days - 1; ago >= 0; ago--) {
            points.add(new Point(TODAY.minusDays(ago), daysAgo.applyAsDouble(ago)));
        }
        return points;
    }

    @Test
    void attainmentIsTheCurrentValueAsAShareOfTheTargetWhereverTheGoalStarted() {
        assertThat(GoalForecast.attainment(860.0, 1000, Polarity.HIGHER_IS_BETTER)).isCloseTo(0.86, within(1e-9));
        assertThat(GoalForecast.attainment(1200.0, 1000, Polarity.HIGHER_IS_BETTER)).isEqualTo(1.0);
        // lower is better: a bounce rate of 0.5 against a target of 0.43 is 86 % of the way there
        assertThat(GoalForecast.attainment(0.5, 0.43, Polarity.LOWER_IS_BETTER)).isCloseTo(0.86, within(1e-9));
        assertThat(GoalForecast.attainment(0.4, 0.43, Polarity.LOWER_IS_BETTER)).isEqualTo(1.0);
        assertThat(GoalForecast.attainment(null, 1000, Polarity.HIGHER_IS_BETTER)).isNull();
        assertThat(GoalForecast.attainment(5.0, 0, Polarity.HIGHER_IS_BETTER)).isNull();
    }

    @Test
    void aSteadyClimbThatReachesTheTargetInTimeIsOnTrack() {
        // +10 a day, now 1,000: 1,300 in 30 days
        List<Point> climb = lastDays(28, ago -> 1000 - 10 * ago);
        Forecast f = GoalForecast.of(climb, Polarity.HIGHER_IS_BETTER, 1250, 800.0, TODAY.plusDays(30), TODAY);
        assertThat(f.current()).isEqualTo(1000);
        assertThat(f.slope()).isCloseTo(10, within(1e-9));
        assertThat(f.projected()).isCloseTo(1300, within(1e-6));
        assertThat(f.progress()).isCloseTo(200.0 / 450, within(1e-9));
        assertThat(f.status()).isEqualTo(GoalStatus.ON_TRACK);
    }

    @Test
    void theSameClimbTowardsAFartherTargetIsAtRiskThenOffTrack() {
        List<Point> climb = lastDays(28, ago -> 1000 - 10 * ago);
        // gap 500, projected gain 300: more than half
        assertThat(GoalForecast.of(climb, Polarity.HIGHER_IS_BETTER, 1500, null, TODAY.plusDays(30), TODAY).status())
                .isEqualTo(GoalStatus.AT_RISK);
        // gap 1,000, projected gain 300: less than half
        assertThat(GoalForecast.of(climb, Polarity.HIGHER_IS_BETTER, 2000, null, TODAY.plusDays(30), TODAY).status())
                .isEqualTo(GoalStatus.OFF_TRACK);
    }

    @Test
    void lowerIsBetterCountsAFallAsProgress() {
        // bounce rate falling 0.005 a day from 0.50 to 0.365 today
        List<Point> falling = lastDays(28, ago -> 0.365 + 0.005 * ago);
        Forecast f = GoalForecast.of(falling, Polarity.LOWER_IS_BETTER, 0.30, 0.50, TODAY.plusDays(14), TODAY);
        assertThat(f.projected()).isCloseTo(0.295, within(1e-9));
        assertThat(f.status()).isEqualTo(GoalStatus.ON_TRACK);
        assertThat(f.progress()).isCloseTo(0.135 / 0.20, within(1e-9));
        assertThat(GoalForecast.of(falling, Polarity.LOWER_IS_BETTER, 0.40, 0.50, TODAY.plusDays(14), TODAY).status())
                .isEqualTo(GoalStatus.REACHED);
    }

    @Test
    void aWrongWayTrendIsOffTrackAndAPassedDeadlineIsMissed() {
        List<Point> sliding = lastDays(28, ago -> 500 + 3 * ago);
        assertThat(GoalForecast.of(sliding, Polarity.HIGHER_IS_BETTER, 600, null, TODAY.plusDays(60), TODAY).status())
                .isEqualTo(GoalStatus.OFF_TRACK);
        assertThat(GoalForecast.of(sliding, Polarity.HIGHER_IS_BETTER, 600, null, TODAY.minusDays(1), TODAY).status())
                .isEqualTo(GoalStatus.MISSED);
    }

    @Test
    void noiseAroundAFlatLevelDoesNotLookLikeProgress() {
        Random noise = new Random(5);
        int onTrack = 0;
        for (int run = 0; run < 200; run++) {
            List<Point> flat = lastDays(28, ago -> 100 + noise.nextGaussian() * 5);
            if (GoalForecast.of(flat, Polarity.HIGHER_IS_BETTER, 130, null, TODAY.plusDays(30), TODAY).status()
                    == GoalStatus.ON_TRACK) {
                onTrack++;
            }
        }
        assertThat(onTrack).as("a flat noisy series rarely projects +30 %").isLessThanOrEqualTo(10);
    }

    @Test
    void tooLittleDataIsUnknownRatherThanAGuess() {
        assertThat(GoalForecast.of(List.of(), Polarity.HIGHER_IS_BETTER, 10, null, TODAY.plusDays(9), TODAY).status())
                .isEqualTo(GoalStatus.UNKNOWN);
        Forecast few = GoalForecast.of(lastDays(3, ago -> 5 - ago), Polarity.HIGHER_IS_BETTER, 10, null,
                TODAY.plusDays(9), TODAY);
        assertThat(few.status()).isEqualTo(GoalStatus.UNKNOWN);
        assertThat(few.current()).isEqualTo(5);
    }
}
