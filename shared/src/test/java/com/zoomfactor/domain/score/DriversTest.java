package com.zoomfactor.domain.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.domain.series.DailyValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drivers (docs/methodology.md § 7): the previous window is scored against its own baseline, so a driver is a line's
 * change of standing between the two scores, not its distance from par.
 */
class DriversTest {

    private static final int W = Fixtures.WINDOW;

    /** Time on page over three periods: the previous window's baseline, the baseline, the window. */
    private static ZoomFactor threePeriods(double first, double second, double third) {
        Fixtures f = new Fixtures();
        List<DailyValue> values = new ArrayList<>();
        for (int i = -W; i < 2 * W; i++) {
            values.add(new DailyValue(Fixtures.day(i), i < 0 ? first : i < W ? second : third));
        }
        f.daily.put("web.time_on_page", values);
        return f.score();
    }

    @Test
    void aLineThatWorsenedThenHeldDrivesTheScoreUp() {
        // Previous window: 60 s against 80 s, d = −0.25 → 25. Now: 60 s against 60 s → 50. Attention weighs
        // 0.15 / (0.15 + 0.15 momentum) = ½: (50 − 25) × 1 × ½ = +12.5.
        ZoomFactor z = threePeriods(80, 60, 60);
        assertThat(z.drivers()).singleElement().satisfies(d -> {
            assertThat(d.delta()).isCloseTo(12.5, within(1e-9));
            assertThat(d.message()).isEqualTo("Average time on page held at 60 s: attention +12.50");
        });
    }

    @Test
    void aLineThatKeepsWorseningIsNoDriver() {
        // 80 → 64 → 51.2: −20 % each time, the same standing (30) in both windows.
        ZoomFactor z = threePeriods(80, 64, 51.2);
        assertThat(z.component(Component.ATTENTION).metrics().get(0).normalized()).isCloseTo(30, within(1e-9));
        assertThat(z.drivers()).isEmpty();
    }

    @Test
    void withoutDataBeforeThePreviousWindowItStandsAtPar() {
        // Only two periods: the previous window has no baseline, its line stands at 50 (rule B cannot apply).
        ZoomFactor z = new Fixtures().constant("web.time_on_page", 60, 66).score();
        assertThat(z.drivers()).singleElement().satisfies(d -> assertThat(d.message())
                .isEqualTo("Average time on page rose from 60 s to 66 s: attention +5.00"));
    }
}
