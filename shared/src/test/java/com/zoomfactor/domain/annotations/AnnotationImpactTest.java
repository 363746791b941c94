package com.zoomfactor.domain.annotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.series.DailyValue;
import com.zoomfactor.domain.trend.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class AnnotationImpactTest {

    private static final LocalDate LAUNCH = LocalDate.of(2026, 10, 1);
    private static final Metric VISITORS = MetricCatalogue.find("web.unique_visitors").orElseThrow(); // sum, higher
    private static final Metric BOUNCE = MetricCatalogue.find("web.bounce_rate").orElseThrow(); // mean, lower

    /** Days −days..days−1 around the launch, valued by their offset. */
    private static List<DailyValue> around(int days, IntToDoubleFunction value) {
        List<DailyValue> series = new ArrayList<>();
        for (int offset = -days; offset < days; offset++) {
            series.add(new DailyValue(LAUNCH.plusDays(offset), value.applyAsDouble(offset)));
        }
        return series;
    }

    @Test
    void aStepUpAfterTheLaunchIsAnImprovementWithHighConfidence() {
        Random noise = new Random(7);
        List<DailyValue> series = around(14, offset -> (offset < 0 ? 100 : 150) + noise.nextGaussian() * 3);
        MetricImpact impact = AnnotationImpact.of(VISITORS, series, LAUNCH, 14).orElseThrow();
        assertThat(impact.before()).isCloseTo(14 * 100, within(14 * 3.0));
        assertThat(impact.after()).isCloseTo(14 * 150, within(14 * 3.0));
        assertThat(impact.relativeChange()).isCloseTo(0.5, within(0.05));
        assertThat(impact.verdict()).isEqualTo(Verdict.UP);
        assertThat(impact.confidence()).isGreaterThan(0.99);
        assertThat(impact.improved()).isTrue();
        assertThat(impact.valuesBefore()).isEqualTo(14);
        assertThat(impact.valuesAfter()).isEqualTo(14);
    }

    @Test
    void aFallInBounceRateIsAnImprovementBecauseLowerIsBetter() {
        List<DailyValue> series = around(10, offset -> offset < 0 ? 0.52 + 0.001 * (offset % 3) : 0.38 + 0.001 * (offset % 3));
        MetricImpact impact = AnnotationImpact.of(BOUNCE, series, LAUNCH, 10).orElseThrow();
        assertThat(impact.before()).isCloseTo(0.52, within(0.002));
        assertThat(impact.after()).isCloseTo(0.38, within(0.002));
        assertThat(impact.verdict()).isEqualTo(Verdict.DOWN);
        assertThat(impact.improved()).isTrue();
    }

    @Test
    void noiseAroundTheSameLevelIsFlatAndNoImprovement() {
        Random noise = new Random(11);
        int flat = 0;
        for (int run = 0; run < 200; run++) {
            List<DailyValue> series = around(14, offset -> 100 + noise.nextGaussian() * 10);
            MetricImpact impact = AnnotationImpact.of(VISITORS, series, LAUNCH, 14).orElseThrow();
            if (impact.verdict() == Verdict.FLAT && !impact.improved()) {
                flat++;
            }
        }
        assertThat(flat).as("pure noise reads as no impact at least 95% of the time").isGreaterThanOrEqualTo(190);
    }

    @Test
    void onlyTheDaysAroundTheAnnotationCountAndTooFewValuesSayNothing() {
        List<DailyValue> series = new ArrayList<>(around(3, offset -> offset < 0 ? 10 : 20));
        series.add(new DailyValue(LAUNCH.minusDays(30), 1_000_000)); // outside: ignored
        MetricImpact impact = AnnotationImpact.of(VISITORS, series, LAUNCH, 3).orElseThrow();
        assertThat(impact.before()).isEqualTo(30);
        assertThat(impact.after()).isEqualTo(60);
        assertThat(impact.change()).isEqualTo(30);

        assertThat(AnnotationImpact.of(VISITORS, around(1, offset -> 5), LAUNCH, 1)).isEmpty();
        assertThat(AnnotationImpact.of(VISITORS, List.of(), LAUNCH, 14)).isEmpty();
        assertThatThrownBy(() -> AnnotationImpact.of(VISITORS, series, LAUNCH, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZeroBeforeHasNoRelativeChange() {
        MetricImpact impact = AnnotationImpact.of(VISITORS, around(5, offset -> offset < 0 ? 0 : 4), LAUNCH, 5)
                .orElseThrow();
        assertThat(impact.relativeChange()).isNull();
        assertThat(impact.change()).isEqualTo(20);
    }
}
