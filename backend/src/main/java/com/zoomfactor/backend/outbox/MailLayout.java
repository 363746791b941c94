package com.zoomfactor.backend.outbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one shape of every e-mail the product sends: a heading, paragraphs, an optional button (its link spelled out
 * in the text part too), and a footer; a recurring message (notifications, digests, reports) also says where to change
 * what one receives, in the footer and in a {@code List-Unsubscribe} header. Text is escaped for the HTML part.
 */
public final class MailLayout {

    /** A link a message leads to: a button in HTML, a labelled URL in text. */
    public record Action(String label, String url) {
    }

    private MailLayout() {
    }

    /**
     * An e-mail to {@code to}. {@code settingsUrl} is given for recurring messages: the page where the person changes
     * what they receive (it needs them signed in; the message carries no token).
     */
    public static Email compose(String to, String subject, String heading, List<String> paragraphs, Action action,
                                String settingsUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (settingsUrl == null) {
            return compose(to, subject, heading, paragraphs, action, "", "", headers);
        }
        headers.put("List-Unsubscribe", "<" + settingsUrl + ">");
        return compose(to, subject, heading, paragraphs, action,
                " You receive this because of your notification settings; change them at " + settingsUrl,
                " You receive this because of your notification settings: <a href=\"" + escape(settingsUrl)
                        + "\">change what you receive</a>.", headers);
    }

    /**
     * A recurring e-mail to someone without an account (a scheduled report's recipient): the footer and the
     * {@code List-Unsubscribe} header lead to {@code unsubscribeUrl}, which stops it without signing in, by a visit
     * and a confirmation or by the mail client's one-click POST ({@code List-Unsubscribe-Post}, RFC 8058).
     */
    public static Email composeUnsubscribable(String to, String subject, String heading, List<String> paragraphs,
                                              Action action, String unsubscribeUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return compose(to, subject, heading, paragraphs, action,
                " You receive this because the sender added your address. Stop receiving it: " + unsubscribeUrl,
                " You receive this because the sender added your address: <a href=\"" + escape(unsubscribeUrl)
                        + "\">unsubscribe</a>.", headers);
    }

    private static Email compose(String to, String subject, String heading, List<String> paragraphs, Action action,
                                 String footerText, String footerHtml, Map<String, String> headers) {
        StringBuilder text = new StringBuilder(heading).append("\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(subject)).append("</title></head>")
                .append("<body style=\"font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2933;"
                        + "max-width:600px;margin:0 auto;padding:24px\">")
                .append("<h1 style=\"font-size:20px\">").append(escape(heading)).append("</h1>");
        for (String paragraph : paragraphs) {
            text.append(paragraph).append("\n\n");
            html.append("<p style=\"line-height:1.5\">").append(escape(paragraph).replace("\n", "<br>")).append("</p>");
        }
        if (action != null) {
            text.append(action.label()).append(": ").append(action.url()).append("\n\n");
            html.append("<p><a href=\"").append(escape(action.url())).append("\" style=\"display:inline-block;"
                            + "background:#2563eb;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none\">")
                    .append(escape(action.label())).append("</a></p>")
                    .append("<p style=\"font-size:12px;color:#52606d\">Or open this link: ")
                    .append(escape(action.url())).append("</p>");
        }
        text.append("-- \nSent by Zoom Factor.").append(footerText);
        html.append("<hr style=\"border:none;border-top:1px solid #e4e7eb\"><p style=\"font-size:12px;color:#52606d\">"
                + "Sent by Zoom Factor.").append(footerHtml);
        text.append("\n");
        html.append("</p></body></html>");
        return new Email(to, subject, text.toString(), html.toString(), headers, List.of());
    }

    /** Text as HTML: the five characters that could start markup or end an attribute. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
