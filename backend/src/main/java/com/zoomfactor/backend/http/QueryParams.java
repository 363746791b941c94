package com.zoomfactor.backend.http;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/** Reads query parameters; a malformed one is a 400 that names it. */
public final class QueryParams {

    private QueryParams() {
    }

    public static Optional<String> text(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        JsonBody.refuseNul(name, value);
        return Optional.of(value.trim());
    }

    /** Dates a query may name: anything else is a typing mistake (and beyond what date arithmetic can hold). */
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2200, 12, 31);

    public static String requiredText(RoutingContext ctx, String name) {
        return text(ctx, name).orElseThrow(() -> ApiException.badRequest("The query parameter " + name + " is required"));
    }

    public static Optional<LocalDate> date(RoutingContext ctx, String name) {
        return text(ctx, name).map(value -> {
            LocalDate date;
            try {
                date = LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(name + " must be a date (YYYY-MM-DD)");
            }
            if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
                throw ApiException.badRequest(name + " must lie between " + EARLIEST + " and " + LATEST);
            }
            return date;
        });
    }

    /** Days from..to, both included. */
    public record DateRange(LocalDate from, LocalDate to) {
    }

    /**
     * {@code from} and {@code to} (dates, both optional): {@code to} defaults to today (UTC), {@code from} to
     * {@code defaultDays} days ending on {@code to}; from after to, or a range of {@code maxDays} days or more, is a 400.
     */
    public static DateRange dateRange(RoutingContext ctx, int defaultDays, int maxDays) {
        LocalDate to = date(ctx, "to").orElse(LocalDate.now(java.time.ZoneOffset.UTC));
        LocalDate from = date(ctx, "from").orElse(to.minusDays(defaultDays - 1L));
        if (from.isAfter(to)) {
            throw ApiException.badRequest("from must not be after to");
        }
        if (java.time.temporal.ChronoUnit.DAYS.between(from, to) >= maxDays) {
            throw ApiException.badRequest("from and to may be at most " + maxDays + " days apart");
        }
        return new DateRange(from, to);
    }

    public static Optional<UUID> uuid(RoutingContext ctx, String name) {
        return text(ctx, name).map(value -> {
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(name + " must be an id (UUID)");
            }
        });
    }

    public static int integer(RoutingContext ctx, String name, int defaultValue, int min, int max) {
        return text(ctx, name).map(value -> {
            try {
                int number = Integer.parseInt(value);
                if (number < min || number > max) {
                    throw ApiException.badRequest(name + " must be between " + min + " and " + max);
                }
                return number;
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(name + " must be a whole number");
            }
        }).orElse(defaultValue);
    }

    public static boolean flag(RoutingContext ctx, String name) {
        return text(ctx, name).map(value -> {
            if (!value.equals("true") && !value.equals("false")) {
                throw ApiException.badRequest(name + " must be true or false");
            }
            return value.equals("true");
        }).orElse(false);
    }
}
