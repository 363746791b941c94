package com.zoomfactor.backend.outbox;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One e-mail to one person, as the outbox stores it: both a plain-text and an HTML part, extra headers
 * (List-Unsubscribe for recurring messages), and attachments. Built by {@link MailLayout}, which gives every message
 * the same shape.
 */
public record Email(String to, String subject, String text, String html, Map<String, String> headers,
                    List<Attachment> attachments) {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");

    /** Whether an address can be written in a To header as it is (no spaces, brackets, quotes or commas). */
    public static boolean deliverable(String address) {
        return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches()
                && address.chars().noneMatch(c -> c == ',' || c == ';');
    }

    public Email {
        if (!deliverable(to)) {
            throw new IllegalArgumentException("not an e-mail address: " + to);
        }
        if (subject == null || subject.isBlank() || subject.length() > 300 || subject.contains("\n")
                || subject.contains("\r")) {
            throw new IllegalArgumentException("a subject is one line of at most 300 characters");
        }
        if (text == null || text.isBlank() || html == null || html.isBlank()) {
            throw new IllegalArgumentException("an e-mail has a plain-text and an HTML part");
        }
        headers = Map.copyOf(headers);
        attachments = List.copyOf(attachments);
    }

    /** The same message with a file attached. */
    public Email attach(Attachment attachment) {
        List<Attachment> more = new java.util.ArrayList<>(attachments);
        more.add(attachment);
        return new Email(to, subject, text, html, headers, more);
    }
}
