package com.zoomfactor.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitTest {

    @ParameterizedTest(name = "{0} {1} acceptable: {2}")
    @CsvSource({
        "COUNT,    0,         true",
        "COUNT,    12345,     true",
        "COUNT,    2.5,       true",
        "COUNT,    -1,        false",
        "COUNT,    -0.0001,   false",
        "RATIO,    0,         true",
        "RATIO,    0.37,      true",
        "RATIO,    1,         true",
        "RATIO,    1.0001,    false",
        "RATIO,    37,        false",
        "RATIO,    -0.1,      false",
        "SECONDS,  0,         true",
        "SECONDS,  93.5,      true",
        "SECONDS,  -3,        false",
        "POSITION, 1,         true",
        "POSITION, 4.7,       true",
        "POSITION, 0.99,      false",
        "POSITION, 0,         false"})
    void valuesAreCheckedAgainstTheirUnit(Unit unit, double value, boolean acceptable) {
        if (acceptable) {
            assertThat(unit.problemWith(value)).isEmpty();
        } else {
            assertThat(unit.problemWith(value)).hasValueSatisfying(p -> assertThat(p).isNotBlank());
        }
    }

    @Test
    void noUnitAcceptsNaNOrInfinity() {
        for (Unit unit : Unit.values()) {
            for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                assertThat(unit.problemWith(value)).as("%s %s", unit, value)
                        .hasValueSatisfying(p -> assertThat(p).contains("finite"));
            }
        }
    }

    @Test
    void theRatioProblemSaysItIsAShareNotAPercentage() {
        assertThat(Unit.RATIO.problemWith(42)).hasValueSatisfying(p -> assertThat(p).contains("between 0 and 1"));
    }

    @ParameterizedTest
    @CsvSource({"count,COUNT", "ratio,RATIO", " Seconds ,SECONDS", "position,POSITION"})
    void unitsAreFoundByKey(String key, Unit unit) {
        assertThat(Unit.find(key)).contains(unit);
        assertThat(unit.key()).isEqualTo(key.trim().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void unknownUnitsAreNotFound() {
        assertThat(Unit.find("percent")).isEmpty();
        assertThat(Unit.find(null)).isEmpty();
    }
}
