package com.zoomfactor.backend.imports.files;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which character separates the fields of a delimited text file: the one a {@code sep=} line names (Excel's and
 * Meta's hint), else whichever of comma, semicolon and tab occurs most, outside quotes, in the widest of the first
 * lines — Excel in a European locale saves with semicolons (and decimal commas).
 */
public final class Delimiters {

    private static final char[] CANDIDATES = {',', ';', '\t'};

    private Delimiters() {
    }

    /** The delimiter a {@code sep=X} line names, if this line is one. */
    public static Optional<Character> namedBy(String line) {
        String trimmed = line.strip();
        if (trimmed.length() == 5 && trimmed.toLowerCase(Locale.ROOT).startsWith("sep=")) {
            return Optional.of(trimmed.charAt(4));
        }
        if (trimmed.length() == 7 && trimmed.toLowerCase(Locale.ROOT).startsWith("\"sep=") && trimmed.endsWith("\"")) {
            return Optional.of(trimmed.charAt(5));
        }
        return Optional.empty();
    }

    /** The delimiter of a file whose first lines are these (comment lines starting with '#' are not looked at). */
    public static char sniff(List<String> lines) {
        for (String line : lines) {
            Optional<Character> named = namedBy(line);
            if (named.isPresent()) {
                return named.get();
            }
        }
        char best = ',';
        int bestCount = 0;
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            for (char candidate : CANDIDATES) {
                int count = countOutsideQuotes(line, candidate);
                if (count > bestCount) {
                    bestCount = count;
                    best = candidate;
                }
            }
        }
        return best;
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }
}
