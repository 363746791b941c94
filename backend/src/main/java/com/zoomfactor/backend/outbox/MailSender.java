package com.zoomfactor.backend.outbox;

import com.zoomfactor.backend.config.MailSettings;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends an outbox e-mail through the configured SMTP server (Vert.x mail client): text and HTML parts, the outbox's
 * headers, attachments, and {@code X-ZoomFactor-Delivery} with the delivery's id (its idempotency key).
 */
final class MailSender {

    static final String DELIVERY_HEADER = "X-ZoomFactor-Delivery";

    private final MailClient client;
    private final String from;

    MailSender(Vertx vertx, MailSettings settings, int timeoutMs) {
        MailConfig config = new MailConfig()
                .setHostname(settings.smtp().host())
                .setPort(settings.smtp().port())
                .setSsl(settings.smtp().tls())
                // a password never crosses the network in clear: with a login, smtp:// insists on STARTTLS
                .setStarttls(settings.smtp().tls() ? StartTLSOptions.DISABLED
                        : settings.smtp().login() ? StartTLSOptions.REQUIRED : StartTLSOptions.OPTIONAL)
                .setLogin(settings.smtp().login() ? LoginOption.REQUIRED : LoginOption.DISABLED)
                .setUsername(settings.smtp().login() ? settings.smtp().user() : null)
                .setPassword(settings.smtp().login() ? settings.smtp().password() : null)
                .setKeepAlive(true)
                .setMaxPoolSize(4);
        config.setConnectTimeout(timeoutMs);
        // a server that accepts and then stays silent: the attempt fails after this long, and is retried later
        config.setIdleTimeout(timeoutMs);
        config.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        this.client = MailClient.create(vertx, config);
        this.from = settings.from();
    }

    Future<Attempted> send(OutboxStore.Pending delivery) {
        Email email = delivery.email();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        email.headers().forEach(headers::add);
        headers.add(DELIVERY_HEADER, delivery.id().toString());
        MailMessage message = new MailMessage()
                .setFrom(from)
                .setTo(List.of(email.to()))
                .setSubject(email.subject())
                .setText(email.text())
                .setHtml(email.html())
                .setHeaders(headers);
        if (!email.attachments().isEmpty()) {
            message.setAttachment(email.attachments().stream().map(a -> MailAttachment.create()
                    .setName(a.name()).setContentType(a.contentType()).setData(Buffer.buffer(a.data()))
                    .setDisposition("attachment")).toList());
        }
        return client.sendMail(message).<Attempted>map(sent -> Attempted.delivered(250)).recover(failure -> {
            if (failure instanceof SMTPException smtp) {
                return Future.succeededFuture(Attempted.failed(smtp.getReplyCode(), "SMTP " + smtp.getReplyCode()
                        + ": " + smtp.getReplyMessage(), smtp.isPermanent()));
            }
            String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            return Future.succeededFuture(Attempted.failed(null, reason, false));
        });
    }

    Future<Void> close() {
        return client.close();
    }
}
