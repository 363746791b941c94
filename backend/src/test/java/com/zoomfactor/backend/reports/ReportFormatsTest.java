package com.zoomfactor.backend.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportFormatsTest {

    @Test
    void csvTextCellsCannotBeReadAsFormulas() {
        assertThat(ReportCsv.text("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(ReportCsv.text("+1")).isEqualTo("'+1");
        assertThat(ReportCsv.text("-cmd")).isEqualTo("'-cmd");
        assertThat(ReportCsv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReportCsv.text("\tx")).isEqualTo("'\tx");
        assertThat(ReportCsv.text("web.pageviews")).isEqualTo("web.pageviews");
        assertThat(ReportCsv.text("")).isEmpty();
    }

    @Test
    void csvNumbersArePlainAndStayNumbers() {
        assertThat(ReportCsv.number(12_000_000)).isEqualTo("12000000");
        assertThat(ReportCsv.number(0.4)).isEqualTo("0.4");
        assertThat(ReportCsv.number(-3.5)).isEqualTo("-3.5");
    }

    @Test
    void filenamesAreAsciiSlugsOfTheClientWithThePeriod() {
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate to = LocalDate.of(2026, 3, 31);
        assertThat(ReportMaker.filename("Café ☕ 東京 & Co", from, to, "pdf"))
                .isEqualTo("zoom-factor-cafe-co-2026-01-01-to-2026-03-31.pdf");
        assertThat(ReportMaker.filename("東京", from, to, "csv"))
                .isEqualTo("zoom-factor-client-2026-01-01-to-2026-03-31.csv");
        assertThat(ReportMaker.filename("\"; rm -rf / \\", from, to, "csv"))
                .isEqualTo("zoom-factor-rm-rf-2026-01-01-to-2026-03-31.csv");
        assertThat(ReportMaker.filename("x".repeat(100), from, to, "pdf")).hasSize(
                "zoom-factor-".length() + 40 + "-2026-01-01-to-2026-03-31.pdf".length());
    }

    @Test
    void driversReadAsSentencesWithThePartOfTheScoreTheyMoved() {
        assertThat(ReportPdf.driverText(new com.zoomfactor.domain.score.Driver(
                "Unique visitors rose from 120 to 140: reach +1.23", 1.23)))
                .isEqualTo("Unique visitors rose from 120 to 140 (Reach growth, +1.2 points)");
        assertThat(ReportPdf.driverText(new com.zoomfactor.domain.score.Driver("Something else", 0)))
                .isEqualTo("Something else");
    }

    @Test
    void aShareIsNeverShownAsReachedBeforeItIs() {
        assertThat(ReportPdf.shownShare(0.86)).isEqualTo(0.86);
        assertThat(ReportPdf.shownShare(0.9996)).isEqualTo(0.999);
        assertThat(ReportPdf.shownShare(1.0)).isEqualTo(1.0);
    }
}
