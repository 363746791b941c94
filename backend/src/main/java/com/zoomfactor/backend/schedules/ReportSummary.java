package com.zoomfactor.backend.schedules;

import com.zoomfactor.backend.goals.Goal;
import com.zoomfactor.backend.reports.ReportMaker;
import com.zoomfactor.domain.metrics.HumanFormat;
import com.zoomfactor.domain.metrics.Unit;
import com.zoomfactor.domain.score.Driver;
import com.zoomfactor.domain.score.ZoomFactor;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few paragraphs a scheduled report's e-mail opens with, in words: the score at the end of the period and its
 * change from the period before, what moved it most, and where the goals stand. An analyst may edit them (review).
 */
final class ReportSummary {

    static final int MAX_DRIVERS = 3;
    static final int MAX_GOALS = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private ReportSummary() {
    }

    /** The summary, paragraphs separated by a blank line. */
    static String write(String frequency, ScheduleTimes.Period period, ZoomFactor now, ZoomFactor before,
                        List<Goal> goals) {
        List<String> paragraphs = new ArrayList<>();
        String span = Cadence.WEEKLY.equals(frequency) ? "week" : "month";
        String covered = "From " + DAY.format(period.from()) + " to " + DAY.format(period.to());
        if (!now.scored()) {
            paragraphs.add(covered + ": no Zoom Factor yet (" + (now.reason() == null ? "not enough data"
                    : now.reason()) + ").");
        } else if (!before.scored()) {
            paragraphs.add(covered + " the Zoom Factor was " + score(now.score()) + "; the " + span
                    + " before had none to compare with.");
        } else {
            double change = now.score() - before.score();
            String moved = Math.abs(change) < 0.05 ? "unchanged from the " + span + " before"
                    : (change > 0 ? "up " : "down ") + score(Math.abs(change)) + " points from " + score(before.score())
                      + " the " + span + " before";
            paragraphs.add(covered + " the Zoom Factor was " + score(now.score()) + ", " + moved + ".");
        }
        List<Driver> drivers = now.drivers();
        if (!drivers.isEmpty()) {
            StringBuilder moved = new StringBuilder("What moved it most:");
            drivers.subList(0, Math.min(MAX_DRIVERS, drivers.size()))
                    .forEach(d -> moved.append("\n• ").append(ReportMaker.driverText(d)));
            paragraphs.add(moved.toString());
        }
        if (!goals.isEmpty()) {
            StringBuilder standing = new StringBuilder("Goals:");
            goals.subList(0, Math.min(MAX_GOALS, goals.size()))
                    .forEach(goal -> standing.append("\n• ").append(goal(goal, period.to())));
            if (goals.size() > MAX_GOALS) {
                standing.append("\n• and ").append(goals.size() - MAX_GOALS).append(" more in the report");
            }
            paragraphs.add(standing.toString());
        }
        paragraphs.add("The full report is attached as a PDF.");
        return String.join("\n\n", paragraphs);
    }

    /** "Unique visitors (last 30 days): 860 of 1,000 by Thu 31 Dec, on track." */
    private static String goal(Goal goal, LocalDate today) {
        boolean score = Goal.SCORE.equals(goal.metric());
        String subject = score ? "The Zoom Factor" : HumanFormat.label(goal.metric()) + " (last " + goal.windowDays()
                + (goal.windowDays() == 1 ? " day)" : " days)");
        String current = goal.current() == null ? "no value yet" : value(goal, goal.current());
        return subject + ": " + current + " of " + value(goal, goal.target()) + " by "
                + HumanFormat.day(goal.deadline(), today) + ", " + status(goal.status()) + ".";
    }

    private static String status(String status) {
        return switch (status) {
            case "on_track" -> "on track";
            case "at_risk" -> "at risk";
            case "off_track" -> "off track";
            case "unknown" -> "too early to tell";
            default -> status;
        };
    }

    private static String value(Goal goal, double value) {
        return Goal.SCORE.equals(goal.metric()) ? HumanFormat.value(Unit.COUNT, value)
                : HumanFormat.value(goal.metric(), value);
    }

    private static String score(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
