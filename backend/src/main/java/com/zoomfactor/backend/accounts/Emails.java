package com.zoomfactor.backend.accounts;

import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import java.util.regex.Pattern;

/** E-mail addresses as people type them: trimmed, checked for a plausible shape, compared without case. */
public final class Emails {

    public static final int MAX_LENGTH = 254;
    private static final Pattern PLAUSIBLE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private Emails() {
    }

    public static String required(JsonBody body, String field) {
        String email = body.requiredText(field, MAX_LENGTH);
        if (!PLAUSIBLE.matcher(email).matches()) {
            throw ApiException.badRequest(field + " is not an e-mail address");
        }
        return email;
    }
}
