package io.dialer.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.platform.TextTemplate;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends fallback SMS through an HTTP gateway: POST {@code dialer.notification.sms.url} with the configured JSON body
 * ({@code {{to}}} and {@code {{text}}} filled in) and Authorization header. 2xx is sent; 408, 429 and 5xx and network
 * errors are retried; other statuses are permanent failures.
 */
@ApplicationScoped
class SmsGateway {

    private final NotificationConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http;

    SmsGateway(NotificationConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(config.sms().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    boolean enabled() {
        return config.sms().url().filter(u -> !u.isBlank()).isPresent();
    }

    /** The request body for a message, or an exception if the configured template does not make valid JSON. */
    String body(String to, String text) {
        Map<String, String> values = Map.of("to", to, "text", text);
        String body = TextTemplate.render(config.sms().bodyTemplate(), values::get, TextTemplate::jsonString);
        try {
            mapper.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("dialer.notification.sms.body-template does not render valid JSON: " + e.getMessage());
        }
        return body;
    }

    SendResult send(String notificationId, String to, String text) {
        String body;
        try {
            body = body(to, text);
        } catch (IllegalStateException e) {
            return SendResult.permanent(null, e.getMessage());
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(config.sms().url().orElseThrow()))
                    .timeout(config.sms().timeout())
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", notificationId)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return SendResult.permanent(null, "dialer.notification.sms.url is not a valid URL: " + e.getMessage());
        }
        config.sms().authHeader().filter(h -> !h.isBlank()).ifPresent(h -> request.header("Authorization", h));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return SendResult.ok(status);
            }
            String error = "SMS gateway answered " + status + snippet(response.body());
            return status == 408 || status == 429 || status >= 500 ? SendResult.retry(status, error)
                    : SendResult.permanent(status, error);
        } catch (IOException e) {
            return SendResult.retry(null, "SMS gateway unreachable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.retry(null, "interrupted");
        }
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String s = body.strip();
        return ": " + (s.length() > 300 ? s.substring(0, 300) + "..." : s);
    }
}
