package com.zoomfactor.backend.config;

import java.util.regex.Pattern;

/**
 * How the server sends e-mail: the SMTP server ({@code ZF_SMTP_URL}) and the sender ({@code ZF_MAIL_FROM}, an address
 * or {@code Name <address>}; {@code Zoom Factor <no-reply@host of the SMTP server>} when not given).
 */
public record MailSettings(SmtpUrl smtp, String from) {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+");
    private static final Pattern NAMED = Pattern.compile("[^<>\"\\r\\n]{1,100} <[^@\\s<>\"]+@[^@\\s<>\"]+>");

    public MailSettings {
        if (from == null || from.isBlank()) {
            from = "Zoom Factor <no-reply@" + smtp.host() + ">";
        }
        from = from.trim();
        if (!ADDRESS.matcher(from).matches() && !NAMED.matcher(from).matches()) {
            throw new ConfigException(AppConfig.MAIL_FROM + " must be an address (reports@agency.example) or a name"
                    + " and an address (Agency Reports <reports@agency.example>), got '" + from + "'");
        }
    }
}
