package com.zoomfactor.backend.imports.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fast paths of reading cells give exactly what the general ones give. */
class CellsTest {

    private static final Set<String> TOTALS = Set.of("total", "grand total", "total general", "totaux");

    @Test
    void keyInAgreesWithHeaderKey() {
        List<String> cells = List.of("Total", " TOTAL ", "Grand total", "Grand_total", "Grand   Total", "\"Total\"",
                "\uFEFFTotal", "Total général", "Totaux", "Total\u00A0", "/blog/total", "20240101", "2024-01-01",
                "Total:", "total1", "", "Totals", "(not set)", "Total\u0301", "Total\tgeneral");
        for (String cell : cells) {
            assertThat(Cells.keyIn(cell, TOTALS)).as(cell).isEqualTo(TOTALS.contains(Cells.headerKey(cell)));
        }
        assertThat(Cells.keyIn("Grand total", TOTALS)).isTrue();
        assertThat(Cells.keyIn("Total général", TOTALS)).isTrue();
        assertThat(Cells.keyIn("/pricing", TOTALS)).isFalse();
    }

    @Test
    void basicDateAgreesWithTheFormatter() {
        for (String text : List.of("20240101", "20240229", "20230229", "20241301", "20240132", "2024010", "202401011",
                "2024-01-", "00000101", "99991231", "2024O101", "20240100")) {
            LocalDate expected;
            try {
                expected = text.matches("\\d{8}") ? LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE) : null;
            } catch (DateTimeParseException e) {
                expected = null;
            }
            assertThat(Cells.basicDate(text)).as(text).isEqualTo(expected);
        }
    }
}
