package com.zoomfactor.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AggregationTest {

    /** Values are written "a b c", in date order. */
    @ParameterizedTest(name = "{0} over [{1}] = {2}")
    @CsvSource({
        "SUM,  3 1 4 1 5,  14",
        "MEAN, 3 1 4 1 5,  2.8",
        "LAST, 3 1 4 1 5,  5",
        "LAST, 5 4 1 3 1,  1",
        "SUM,  7,          7",
        "MEAN, 7,          7",
        "LAST, 7,          7",
        "MEAN, 0.2 0.4,    0.3",
        "SUM,  -2 2,       0"})
    void overTime(Aggregation aggregation, String values, double expected) {
        assertThat(aggregation.over(parse(values))).isCloseTo(expected, within(1e-12));
    }

    /** A day's breakdown to the day's total: a stock per list sums up to the whole, so LAST sums here. */
    @ParameterizedTest(name = "{0} across [{1}] = {2}")
    @CsvSource({
        "SUM,  120 30 50, 200",
        "MEAN, 0.2 0.4 0.9, 0.5",
        "LAST, 120 30 50, 200",
        "LAST, 9,         9"})
    void acrossDimensions(Aggregation aggregation, String values, double expected) {
        assertThat(aggregation.acrossDimensions(parse(values))).isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(Aggregation.class)
    void nothingToAggregateIsRefused(Aggregation aggregation) {
        assertThatThrownBy(() -> aggregation.over(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> aggregation.acrossDimensions(new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAreTheNamesUsedInTheApi() {
        assertThat(Arrays.stream(Aggregation.values()).map(Aggregation::key)).containsExactly("sum", "mean", "last");
        assertThat(Arrays.stream(Polarity.values()).map(Polarity::key)).containsExactly("higher", "lower");
        assertThat(Arrays.stream(Dimension.values()).map(Dimension::key))
                .containsExactly("page", "account", "list", "query");
        assertThat(Dimension.find(" List ")).contains(Dimension.LIST);
        assertThat(Dimension.find("curator")).isEmpty();
        assertThat(Aggregation.find("last")).contains(Aggregation.LAST);
        assertThat(Polarity.find("lower")).contains(Polarity.LOWER_IS_BETTER);
    }

    private static double[] parse(String values) {
        return Arrays.stream(values.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }
}
