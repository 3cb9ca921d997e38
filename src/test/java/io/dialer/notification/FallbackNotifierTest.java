package io.dialer.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.dialer.tenant.AuthSettings;
import io.dialer.webhook.EventLog;
import io.dialer.webhook.EventTypes;
import io.dialer.webhook.NewEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fallback messages end to end: events recorded through the event log for a campaign created through the API, e-mail
 * delivered to a real SMTP server (GreenMail) and SMS to a local HTTP gateway.
 */
@QuarkusTest
@TestProfile(NotificationsOnProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class FallbackNotifierTest {

    private static final String TENANT = AuthSettings.DEFAULT_TENANT;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A request the SMS gateway received. */
    record GatewayRequest(String authorization, String contentType, String idempotencyKey, JsonNode body) {
    }

    private static GreenMail smtp;
    private static HttpServer gateway;
    private static final List<GatewayRequest> requests = new CopyOnWriteArrayList<>();
    /** Recipient → how many more requests for it the gateway answers with this status before answering 200. */
    private static final Map<String, int[]> failures = new ConcurrentHashMap<>();

    @Inject
    EventLog eventLog;

    @Inject
    FallbackNotifier notifier;

    @BeforeAll
    static void startServers() throws IOException {
        smtp = new GreenMail(new ServerSetup(NotificationTestPorts.get(NotificationTestPorts.SMTP), "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                NotificationTestPorts.get(NotificationTestPorts.SMS)), 0);
        gateway.createContext("/v1/messages", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = MAPPER.readTree(raw);
            requests.add(new GatewayRequest(exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
            int status = 200;
            int[] planned = failures.get(body.path("to").asText());
            if (planned != null && planned[1] > 0) {
                planned[1]--;
                status = planned[0];
            }
            byte[] answer = (status == 200 ? "{\"id\":\"sms-1\"}" : "{\"error\":\"boom\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        gateway.start();
    }

    @AfterAll
    static void stopServers() {
        if (gateway != null) {
            gateway.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void sendsOneEmailAndOneSmsPerEventAcrossConcurrentPasses() throws Exception {
        String campaignId = campaign(Map.of(
                "email", Map.of("to", "{{email}}", "subject", "We missed you, {{firstName}}",
                        "body", "Hello {{firstName}} {{lastName}},\nwe could not reach you about {{campaignName}} "
                                + "({{reason}}). Your reference: {{externalId}}/{{accountRef}}.{{notAnAttribute}}"),
                "sms", Map.of("to", "{{phone}}", "body", "Hi {{firstName}}, please call \"us\" back.\nRef {{externalId}}")));
        UUID ada = record(campaignId, "crm-ada", "Ada", "Lovelace", "ATTEMPTS_EXHAUSTED",
                List.of("+447700900101", "+442079460101"), Map.of("email", "ada@example.com", "accountRef", "A-17"));
        UUID alan = record(campaignId, "crm-alan", "Alan", "Turing", "ATTEMPTS_EXHAUSTED",
                List.of("+447700900102"), Map.of("email", "alan@example.com"));

        // two passes at once (plus the scheduler's own): SKIP LOCKED hands each message to exactly one of them
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> passes = List.of(pool.submit(notifier::runOnce), pool.submit(notifier::runOnce));
            for (Future<Integer> pass : passes) {
                pass.get();
            }
        } finally {
            pool.shutdown();
        }
        awaitStates(ada, s -> s == Notification.State.SENT);
        awaitStates(alan, s -> s == Notification.State.SENT);
        notifier.runOnce();
        notifier.runOnce();

        MimeMessage[] toAda = messagesTo("ada@example.com");
        assertEquals(1, toAda.length, "exactly one e-mail to Ada");
        assertEquals("We missed you, Ada", toAda[0].getSubject());
        assertEquals("dialer@example.com", ((jakarta.mail.internet.InternetAddress) toAda[0].getFrom()[0]).getAddress());
        String body = text(toAda[0]).replace("\r\n", "\n");
        assertEquals("Hello Ada Lovelace,\nwe could not reach you about Fallback test (ATTEMPTS_EXHAUSTED). "
                + "Your reference: crm-ada/A-17.", body.strip());
        assertEquals(1, messagesTo("alan@example.com").length, "exactly one e-mail to Alan");
        assertEquals("We missed you, Alan", messagesTo("alan@example.com")[0].getSubject());

        List<GatewayRequest> smsToAda = smsTo("+447700900101");
        assertEquals(1, smsToAda.size(), "exactly one SMS to Ada's first number");
        GatewayRequest sms = smsToAda.get(0);
        assertEquals("Bearer gateway-test-token", sms.authorization());
        assertTrue(sms.contentType().startsWith("application/json"), sms.contentType());
        assertEquals("Hi Ada, please call \"us\" back.\nRef crm-ada", sms.body().path("text").asText());
        assertEquals(2, sms.body().size(), "the default body is {to, text}: " + sms.body());
        assertEquals(1, smsTo("+447700900102").size(), "exactly one SMS to Alan");
        assertTrue(smsTo("+442079460101").isEmpty(), "only the first number gets {{phone}}");

        for (Notification n : notifier.forEvent(TENANT, ada)) {
            assertEquals(1, n.attempts(), n.toString());
            assertEquals(UUID.fromString(campaignId), n.campaignId());
            assertEquals(n.channel() == Notification.Channel.EMAIL ? "ada@example.com" : "+447700900101", n.recipient());
            assertNull(n.lastError());
        }
        assertEquals(sms.idempotencyKey(), notifier.forEvent(TENANT, ada).stream()
                .filter(n -> n.channel() == Notification.Channel.SMS).findFirst().orElseThrow().id().toString());
    }

    @Test
    void retriesWhenTheGatewayFails() throws Exception {
        String campaignId = campaign(Map.of("sms", Map.of("to", "{{phone}}", "body", "We tried to reach you")));
        failures.put("+447700900500", new int[] {500, 1});
        UUID event = record(campaignId, "crm-retry", "Grace", "Hopper", "NO_ANSWER", List.of("+447700900500"), Map.of());

        List<Notification> rows = awaitStates(event, s -> s == Notification.State.SENT || s == Notification.State.SKIPPED);
        Notification sms = rows.stream().filter(n -> n.channel() == Notification.Channel.SMS).findFirst().orElseThrow();
        assertEquals(2, sms.attempts(), "one failed try (500), then one that worked");
        assertEquals(200, sms.lastStatus());
        assertEquals(2, smsTo("+447700900500").size());
        assertEquals(1, smsTo("+447700900500").stream().map(GatewayRequest::idempotencyKey).distinct().count(),
                "a retry is the same message");
        // the campaign has no e-mail fallback
        Notification email = rows.stream().filter(n -> n.channel() == Notification.Channel.EMAIL).findFirst().orElseThrow();
        assertEquals(Notification.State.SKIPPED, email.state());
    }

    @Test
    void givesUpOnPermanentErrorsAndOnMissingRecipients() throws Exception {
        String campaignId = campaign(Map.of(
                "email", Map.of("to", "{{email}}", "subject", "s", "body", "b"),
                "sms", Map.of("to", "{{phone}}", "body", "We tried to reach you")));
        failures.put("+447700900400", new int[] {400, 10});
        UUID event = record(campaignId, "crm-400", "Edsger", "Dijkstra", "NO_ANSWER", List.of("+447700900400"), Map.of());

        List<Notification> rows = awaitStates(event, s -> s == Notification.State.FAILED || s == Notification.State.SKIPPED);
        Notification sms = rows.stream().filter(n -> n.channel() == Notification.Channel.SMS).findFirst().orElseThrow();
        assertEquals(Notification.State.FAILED, sms.state());
        assertEquals(1, sms.attempts(), "a 400 is not retried");
        assertEquals(400, sms.lastStatus());
        Notification email = rows.stream().filter(n -> n.channel() == Notification.Channel.EMAIL).findFirst().orElseThrow();
        assertEquals(Notification.State.SKIPPED, email.state(), "no email attribute: nothing to send");
        assertTrue(email.lastError().contains("rendered empty"), email.lastError());
    }

    @Test
    void exhaustedRetriesEndFailed() throws Exception {
        String campaignId = campaign(Map.of("sms", Map.of("to", "{{phone}}", "body", "We tried to reach you")));
        failures.put("+447700900503", new int[] {503, 100});
        UUID event = record(campaignId, "crm-503", "Barbara", "Liskov", "NO_ANSWER", List.of("+447700900503"), Map.of());

        List<Notification> rows = awaitStates(event, s -> s == Notification.State.FAILED || s == Notification.State.SKIPPED);
        Notification sms = rows.stream().filter(n -> n.channel() == Notification.Channel.SMS).findFirst().orElseThrow();
        assertEquals(Notification.State.FAILED, sms.state());
        assertEquals(3, sms.attempts(), "max-attempts is 3 in this profile");
        assertEquals(3, smsTo("+447700900503").size());
    }

    private static String campaign(Map<String, Object> fallback) {
        return Api.createCampaign(Map.of("name", "Fallback test", "fallback", fallback));
    }

    /** Records a fallback request the way the dialing loop does: in a transaction of its own, through the event log. */
    private UUID record(String campaignId, String externalId, String firstName, String lastName, String reason,
                        List<String> phones, Map<String, Object> attributes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaignId", campaignId);
        data.put("contactId", UUID.randomUUID().toString());
        data.put("externalId", externalId);
        data.put("firstName", firstName);
        data.put("lastName", lastName);
        data.put("reason", reason);
        data.put("lastResult", "NO_ANSWER");
        data.put("phones", phones);
        data.put("attributes", attributes);
        UUID[] id = new UUID[1];
        QuarkusTransaction.requiringNew().run(() -> id[0] = eventLog.record(
                new NewEvent(TENANT, EventTypes.CONTACT_FALLBACK_REQUESTED, UUID.fromString(campaignId), data)));
        return id[0];
    }

    /** Runs notifier passes until both channels of the event are in a state the predicate accepts (at most 20 s). */
    private List<Notification> awaitStates(UUID event, Predicate<Notification.State> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        List<Notification> rows = List.of();
        while (System.currentTimeMillis() < deadline) {
            notifier.runOnce();
            rows = notifier.forEvent(TENANT, event);
            if (rows.size() == 2 && rows.stream().allMatch(n -> done.test(n.state()))) {
                return rows;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("notifications of " + event + " did not finish: " + rows);
    }

    private static MimeMessage[] messagesTo(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address))) {
                out.add(m);
            }
        }
        return out.toArray(MimeMessage[]::new);
    }

    private static List<GatewayRequest> smsTo(String number) {
        return requests.stream().filter(r -> number.equals(r.body().path("to").asText())).toList();
    }

    private static String text(MimeMessage m) throws Exception {
        Object content = m.getContent();
        if (content instanceof Multipart multipart) {
            return String.valueOf(multipart.getBodyPart(0).getContent());
        }
        return String.valueOf(content);
    }
}
