package io.dialer.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Sends fallback e-mails over SMTP through the Quarkus mailer ({@code quarkus.mailer.*}). */
@ApplicationScoped
class EmailChannel {

    private final ReactiveMailer mailer;
    private final Duration timeout;

    EmailChannel(ReactiveMailer mailer, NotificationConfig config) {
        this.mailer = mailer;
        this.timeout = config.email().timeout();
    }

    SendResult send(String notificationId, String to, String subject, String body) {
        Mail mail = Mail.withText(to, subject, body).addHeader("X-Dialer-Notification-Id", notificationId);
        try {
            mailer.send(mail).await().atMost(timeout);
            return SendResult.ok(null);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SMTPException smtp) {
                    String error = "SMTP " + smtp.getReplyCode() + " " + smtp.getReplyMessage();
                    return smtp.isPermanent() ? SendResult.permanent(smtp.getReplyCode(), error)
                            : SendResult.retry(smtp.getReplyCode(), error);
                }
                if (t.getCause() == t) {
                    break;
                }
            }
            return SendResult.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
