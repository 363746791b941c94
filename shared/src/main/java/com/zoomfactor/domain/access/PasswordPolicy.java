package com.zoomfactor.domain.access;

import java.util.Optional;

/** What makes a password acceptable: 8 to 128 characters (counted as code points), nothing else imposed. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** Empty when acceptable; otherwise the reason, as a sentence for the person choosing it. */
    public static Optional<String> problem(String password) {
        if (password == null) {
            return Optional.of("A password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("The password must have at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("The password must have at most " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }
}
