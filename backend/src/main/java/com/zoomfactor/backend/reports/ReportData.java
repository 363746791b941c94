package com.zoomfactor.backend.reports;

import com.zoomfactor.backend.annotations.Annotation;
import com.zoomfactor.backend.branding.Branding;
import com.zoomfactor.backend.branding.LogoFile;
import com.zoomfactor.backend.goals.Goal;
import com.zoomfactor.backend.scores.ScoreSnapshot;
import com.zoomfactor.domain.score.ZoomFactor;
import com.zoomfactor.domain.series.DailyValue;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, read in one transaction before rendering starts (rendering then touches no database).
 *
 * @param score          the score as of the period's last day (or today, when the period ends later)
 * @param history        each day's last recorded score in the period (backfilled days included), by day
 * @param series         metric key → its daily values in the period, by day
 * @param annotations    the annotations the report was asked to show (public ones unless chosen otherwise)
 * @param branding       the agency's white label
 * @param logo           its logo file, or null
 * @param methodologyUrl where a reader finds the methodology explained
 */
record ReportData(String clientName, LocalDate from, LocalDate to, OffsetDateTime generatedAt, ZoomFactor score,
                  List<ScoreSnapshot> history, Map<String, List<DailyValue>> series, List<Annotation> annotations,
                  List<Goal> goals, Branding branding, LogoFile logo, String methodologyUrl) {
}
