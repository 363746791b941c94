package com.zoomfactor.backend.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.config.MailSettings;
import com.zoomfactor.backend.config.SmtpUrl;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real SMTP server in the test's process (GreenMail, on a free port) and what it received, read as people's mail
 * programs would: one message per recipient, its headers, its plain-text and HTML parts and its attachments.
 */
public final class MailBox implements AutoCloseable {

    /** The app's public URL in tests that send mail: the links in messages start with it. */
    public static final String APP_URL = "https://zf.test.example";
    public static final String FROM = "Zoom Factor <zf@test.example>";

    /** One received message, its parts found. */
    public record Mail(MimeMessage message, String text, String html, List<Part> attachments) {

        public String header(String name) {
            try {
                String[] values = message.getHeader(name);
                return values == null ? null : values[0];
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        public String subject() {
            try {
                return message.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final GreenMail server;

    public MailBox() {
        server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    /** A server configuration change: mail through this box, links under {@link #APP_URL}. */
    public UnaryOperator<AppConfig> configure() {
        return config -> config.withMail(new MailSettings(SmtpUrl.parse("smtp://127.0.0.1:" + port()), FROM),
                URI.create(APP_URL));
    }

    /** Every message received for {@code address} so far. */
    public List<Mail> to(String address) {
        List<Mail> found = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
                    found.add(read(message));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** Waits (up to 15 s) until {@code address} has at least {@code count} messages; all of them. */
    public List<Mail> await(String address, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        List<Mail> found = to(address);
        while (found.size() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("expected " + count + " message(s) to " + address + ", got " + found.size());
            }
            Thread.sleep(50);
            found = to(address);
        }
        return found;
    }

    public int total() {
        return server.getReceivedMessages().length;
    }

    private static Mail read(MimeMessage message) throws Exception {
        List<Part> leaves = new ArrayList<>();
        collect(message, leaves);
        String text = null;
        String html = null;
        List<Part> attachments = new ArrayList<>();
        for (Part part : leaves) {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                attachments.add(part);
            } else if (part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            }
        }
        return new Mail(message, text, html, attachments);
    }

    private static void collect(Part part, List<Part> leaves) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, leaves);
            }
        } else {
            leaves.add(part);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
