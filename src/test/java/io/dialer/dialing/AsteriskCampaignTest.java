package io.dialer.dialing;

import io.dialer.support.PostgresTestResource;
import io.dialer.telephony.AsteriskTestEnvironment;
import io.dialer.telephony.TelephonyPort;
import io.dialer.telephony.asterisk.AsteriskCarrier;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dialer.dialing.DialingFixtures.attempts;
import static io.dialer.dialing.DialingFixtures.awaitState;
import static io.dialer.dialing.DialingFixtures.campaign;
import static io.dialer.dialing.DialingFixtures.start;
import static io.dialer.support.Api.json;
import static io.dialer.support.Api.upsert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A campaign switched to the Asterisk carrier by configuration alone runs to completion against the SIPp far ends of
 * src/test/asterisk, with agents whose phones are SIPp endpoints, and loses no call result when its AMI connection is
 * cut in the middle.
 */
@QuarkusTest
@TestProfile(AsteriskCarrierProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AsteriskCampaignTest {

    /** What each scripted far end must come back as (src/test/asterisk/README.md). */
    private static final Map<String, String> EXPECTED = Map.of(
            "0001", "CONNECTED", "0002", "BUSY", "0003", "NO_ANSWER", "0004", "ANSWERING_MACHINE",
            "0006", "NUMBER_NOT_IN_SERVICE", "0007", "REJECTED", "0008", "CONGESTION", "0009", "NO_RINGBACK");

    @Inject
    TelephonyPort carrier;

    @BeforeEach
    void asteriskIsUp() {
        AsteriskTestEnvironment.require();
        assertInstanceOf(AsteriskCarrier.class, carrier, "dialer.telephony.carrier=asterisk gives the Asterisk carrier");
    }

    @Test
    void runsToCompletionThroughAsteriskAndLosesNoResultWhenAmiIsCut() throws Exception {
        Map<String, Object> rules = new HashMap<>();
        // results that do not count as attempts: retried at once while AMI is down, never for the scripted far ends
        for (String free : List.of("TRUNK_UNAVAILABLE", "NETWORK_ERROR", "DIAL_ERROR", "CANCELLED")) {
            rules.put(free, Map.of("delaySeconds", 2, "max", 5));
        }
        rules.put("CONGESTION", Map.of("delaySeconds", 2, "max", 0));
        rules.put("NO_RINGBACK", Map.of("delaySeconds", 2, "max", 0));
        String id = campaign("PROGRESSIVE", Map.of(
                "schedule", Map.of("timezone", "UTC", "windows", List.of(Map.of("days",
                        List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "from", "00:00", "to", "23:59"))),
                "dialing", Map.of("ringTimeoutSeconds", 15,
                        "amd", Map.of("enabled", true, "machineAction", "HANGUP",
                                "tuning", Map.of("greetingMs", 1500, "totalAnalysisTimeMs", 5000))),
                "retries", Map.of("maxAttemptsPerContact", 1, "rules", rules),
                "recording", Map.of("enabled", true, "retentionDays", 7),
                "simulation", Map.of("timeScale", 1, "startAt", DialingFixtures.MONDAY_NOON,
                        "wrapSeconds", Map.of("mean", 1, "cv", 0.2))));
        List<Map<String, Object>> contacts = new ArrayList<>();
        List<String> order = List.of("0001", "0002", "0003", "0004", "0006", "0007", "0008", "0009",
                "0001", "0003", "0002", "0009", "0001", "0007", "0006", "0001");
        for (int i = 0; i < order.size(); i++) {
            contacts.add(Map.of("externalId", "ast-" + i, "timezone", "UTC", "phones",
                    List.of(Map.of("number", String.format("+1312%03d%s", 600 + i, order.get(i)), "type", "MOBILE"))));
        }
        upsert(id, contacts).statusCode(200);
        for (int i = 0; i < 3; i++) {
            json().body(Map.of("name", "phone-agent-" + i, "campaignIds", List.of(id), "simulated", true,
                    "phoneUri", "sip:agent" + i + "@127.0.0.1:" + (5080 + i))).post("/v1/agents").then().statusCode(201);
        }
        start(id);

        awaitAttempts(id, 4, Duration.ofSeconds(60));
        io.restassured.RestAssured.get("/q/health/group/telephony").then().statusCode(200);
        assertTrue(amiGauge().matches("(?s).*dialer_ami_connected\\{server=\"local\",?} 1\\.0.*"),
                "AMI up in /q/metrics: " + amiGauge());
        AsteriskCarrierProfile.cutAmi(true);
        // the only Asterisk is unreachable: not ready, and the telephony group says which server
        long noticed = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (io.restassured.RestAssured.get("/q/health/ready").statusCode() != 503) {
            assertTrue(System.nanoTime() < noticed, "not ready while AMI is down");
            Thread.sleep(100);
        }
        Thread.sleep(2_000);
        io.restassured.RestAssured.get("/q/health/group/telephony").then().statusCode(503)
                .body("checks[0].data", org.hamcrest.Matchers.hasKey("local"));
        assertTrue(amiGauge().matches("(?s).*dialer_ami_connected\\{server=\"local\",?} 0\\.0.*"),
                "AMI down in /q/metrics: " + amiGauge());
        AsteriskCarrierProfile.cutAmi(false);
        long healthy = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (io.restassured.RestAssured.get("/q/health/ready").statusCode() != 200) {
            assertTrue(System.nanoTime() < healthy, "ready again after AMI is back");
            Thread.sleep(100);
        }
        awaitState(id, "COMPLETED", 240);

        List<DialingFixtures.AttemptRow> rows = attempts(id);
        Map<String, String> finalResult = new HashMap<>();
        for (DialingFixtures.AttemptRow row : rows) {
            assertNotNull(row.result(), "every attempt ended: " + row);
            finalResult.put(row.number(), row.result());
        }
        for (Map<String, Object> contact : contacts) {
            @SuppressWarnings("unchecked")
            String number = (String) ((List<Map<String, Object>>) contact.get("phones")).get(0).get("number");
            String expected = EXPECTED.get(number.substring(number.length() - 4));
            assertEquals(expected, finalResult.get(number), () -> number + " in " + rows);
        }
        assertTrue(rows.stream().noneMatch(r -> r.result().equals("NETWORK_ERROR")),
                "no call lost or reconciled while AMI was down: " + rows);
        assertEquals(0, DialingFixtures.count("SELECT count(*) FROM attempt WHERE campaign_id = ?::uuid "
                + "AND result = 'CONNECTED' AND (agent_id IS NULL OR connected_at IS NULL)", id), "connected calls name their agent");

        // every conversation was recorded by Asterisk (MixMonitor) and is served as a WAV file
        List<DialingFixtures.AttemptRow> connected = rows.stream().filter(r -> r.result().equals("CONNECTED")).toList();
        assertFalse(connected.isEmpty());
        for (DialingFixtures.AttemptRow call : connected) {
            byte[] wav = io.restassured.RestAssured.given().get("/v1/calls/" + call.id() + "/recording").then().statusCode(200)
                    .contentType("audio/wav").extract().asByteArray();
            assertEquals("RIFF", new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
            assertTrue(wav.length > 8_000, "a few seconds of 8 kHz audio: " + wav.length + " bytes");
        }
    }

    /** The dialer_ami_connected lines of /q/metrics. */
    private static String amiGauge() {
        return String.join("\n", io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString()
                .lines().filter(l -> l.startsWith("dialer_ami_connected")).toList());
    }

    /** An agentless survey through Asterisk: espeak-ng prompts, the SIPp far end at ...0010 keys 7. */
    @Test
    void agentlessSurveyCollectsTheKeypadAnswer() throws Exception {
        String id = campaign("AGENTLESS", Map.of(
                "schedule", Map.of("timezone", "UTC", "windows", List.of(Map.of("days",
                        List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "from", "00:00", "to", "23:59"))),
                "dialing", Map.of("ringTimeoutSeconds", 15, "maxConcurrentCalls", 4),
                "retries", Map.of("maxAttemptsPerContact", 1),
                "ivr", Map.of("greeting", "Hello {{firstName}}.",
                        "survey", Map.of("question", "Press a number from one to ten.", "attempts", 1)),
                "simulation", Map.of("timeScale", 1, "startAt", DialingFixtures.MONDAY_NOON)));
        upsert(id, List.of(Map.of("externalId", "survey-1", "firstName", "Ada", "timezone", "UTC",
                "phones", List.of(Map.of("number", "+13126990010", "type", "MOBILE"))))).statusCode(200);
        start(id);
        awaitState(id, "COMPLETED", 120);
        List<DialingFixtures.AttemptRow> rows = attempts(id);
        assertEquals(1, rows.size());
        assertEquals("IVR_COMPLETED", rows.get(0).result(), () -> "" + rows);
        json().get("/v1/calls/" + rows.get(0).id()).then().statusCode(200)
                .body("outcome.code", org.hamcrest.Matchers.equalTo("SURVEY_COMPLETED"))
                .body("outcome.data.answer", org.hamcrest.Matchers.equalTo(7));
    }

    private static void awaitAttempts(String campaignId, int n, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (attempts(campaignId).size() < n) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + n + " attempts placed");
            Thread.sleep(100);
        }
    }
}
