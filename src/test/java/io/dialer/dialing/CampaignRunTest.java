package io.dialer.dialing;

import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.dialer.dialing.DialingFixtures.attempts;
import static io.dialer.dialing.DialingFixtures.awaitState;
import static io.dialer.dialing.DialingFixtures.campaign;
import static io.dialer.dialing.DialingFixtures.count;
import static io.dialer.dialing.DialingFixtures.simulatedAgents;
import static io.dialer.dialing.DialingFixtures.simulation;
import static io.dialer.dialing.DialingFixtures.start;
import static io.dialer.support.Api.json;
import static io.dialer.support.Api.upsert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A campaign of contacts in five time zones runs to completion on the simulated carrier with simulated agents; every
 * rule is then checked against the attempts the loop wrote.
 */
@QuarkusTest
@TestProfile(DialingOnProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class CampaignRunTest {

    private static final List<String> ZONES = List.of("America/New_York", "America/Chicago", "America/Los_Angeles",
            "Europe/London", "Europe/Berlin");
    private static final int MIN_GAP = 300;
    private static final int NO_ANSWER_DELAY = 900;

    @Test
    void runsToCompletionInsideWindowsWithRetriesNumberOrderAndDnc() throws Exception {
        String id = campaign("PROGRESSIVE", Map.of(
                "schedule", Map.of("timezone", "UTC", "windows", List.of(Map.of("days",
                        List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "from", "09:00", "to", "20:00"))),
                "dialing", Map.of("maxLinesPerAgent", 2, "ringTimeoutSeconds", 20),
                "retries", Map.of("maxAttemptsPerContact", 3, "maxAttemptsPerNumber", 2, "maxAttemptsPerDay", 3,
                        "minGapSeconds", MIN_GAP, "rules", Map.of("NO_ANSWER", Map.of("delaySeconds", NO_ANSWER_DELAY),
                                "BUSY", Map.of("delaySeconds", 600))),
                "simulation", simulation(400, Map.of("mix",
                        Map.of("live", 0.35, "machine", 0.1, "noAnswer", 0.4, "busy", 0.1, "invalid", 0.05)))));
        List<Map<String, Object>> contacts = new ArrayList<>();
        Set<String> busyFirst = new HashSet<>();
        Set<String> dncBefore = new HashSet<>();
        Set<String> dncLater = new HashSet<>();
        Set<String> invalidBefore = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String zone = ZONES.get(i % ZONES.size());
            String number = String.format("+1312%03d%04d", 200 + i / 100, 1000 + i);
            List<Map<String, Object>> phones = new ArrayList<>();
            if (i % 20 == 3) {
                number = String.format("+1312%03d0002", 300 + i);
                busyFirst.add("c" + i);
                phones.add(Map.of("number", number, "type", "MOBILE"));
                phones.add(Map.of("number", String.format("+1415%03d%04d", 200 + i / 100, 1000 + i), "type", "HOME"));
            } else {
                phones.add(Map.of("number", number, "type", "MOBILE"));
            }
            if (i % 25 == 7) {
                dncBefore.add(number);
            }
            if (i % 25 == 17) {
                invalidBefore.add(number);
            }
            if (i % 25 == 12 && zone.equals("America/Los_Angeles")) {
                dncLater.add(number);
            }
            contacts.add(Map.of("externalId", "c" + i, "timezone", zone, "phones", phones,
                    "attributes", Map.of("segment", i % 2 == 0 ? "gold" : "silver")));
        }
        upsert(id, contacts).statusCode(200);
        json().body(Map.of("numbers", List.copyOf(dncBefore), "reason", "test")).post("/v1/dnc").then().statusCode(200);
        for (String number : invalidBefore) {
            json().body(Map.of("status", "INVALID", "reason", "CRM says so")).put("/v1/phone-numbers/" + number)
                    .then().statusCode(200);
        }
        simulatedAgents(id, 8);
        start(id);
        // Los Angeles opens at 16:00 UTC, four campaign hours after the start: its numbers go on DNC before that
        Thread.sleep(1500);
        json().body(Map.of("numbers", List.copyOf(dncLater), "reason", "test")).post("/v1/dnc").then().statusCode(200);

        Map<String, Object> stats = awaitState(id, "COMPLETED", 240);

        List<DialingFixtures.AttemptRow> rows = attempts(id);
        assertFalse(rows.isEmpty());
        Map<String, List<DialingFixtures.AttemptRow>> byContact = rows.stream()
                .collect(Collectors.groupingBy(DialingFixtures.AttemptRow::contactId));
        for (DialingFixtures.AttemptRow a : rows) {
            assertEquals("ENDED", a.state(), "no attempt stays open");
            if (a.result().equals("DNC_BLOCKED")) {
                assertTrue(dncLater.contains(a.number()) || dncBefore.contains(a.number()));
                continue;
            }
            LocalTime local = a.placedAt().atZone(ZoneId.of(a.timezone())).toLocalTime();
            assertFalse(local.isBefore(LocalTime.of(9, 0)) || !local.isBefore(LocalTime.of(20, 0)),
                    "call at " + local + " " + a.timezone() + " (" + a.placedAt() + ")");
            assertFalse(dncBefore.contains(a.number()) || dncLater.contains(a.number()), "dialled a DNC number " + a.number());
            assertFalse(invalidBefore.contains(a.number()), "dialled a number marked invalid " + a.number());
        }
        Map<String, Instant> foundInvalid = new HashMap<>();
        rows.stream().filter(a -> Set.of("NUMBER_NOT_IN_SERVICE", "INVALID_NUMBER").contains(a.result()))
                .forEach(a -> foundInvalid.merge(a.number(), a.endedAt(), (x, y) -> x.isBefore(y) ? x : y));
        assertFalse(foundInvalid.isEmpty(), "some numbers turned out not to be in service");
        for (DialingFixtures.AttemptRow a : rows) {
            Instant invalidSince = foundInvalid.get(a.number());
            assertFalse(invalidSince != null && a.placedAt().isAfter(invalidSince),
                    "a number found not in service is never dialled again: " + a);
        }
        for (List<DialingFixtures.AttemptRow> history : byContact.values()) {
            checkRules(history);
        }
        assertTrue(rows.stream().anyMatch(a -> a.result().equals("DNC_BLOCKED")), "a number put on DNC after planning is blocked at dial time");
        Map<String, String> contactIdByExternal = contactIds(id);
        for (String external : busyFirst) {
            List<DialingFixtures.AttemptRow> history = byContact.get(contactIdByExternal.get(external));
            assertEquals(0, history.get(0).phoneIndex(), "MOBILE first");
            assertEquals("BUSY", history.get(0).result());
            assertEquals(1, history.get(1).phoneIndex(), "the next number after a busy one");
        }
        @SuppressWarnings("unchecked")
        Map<String, Number> byState = (Map<String, Number>) stats.get("contactsByState");
        assertEquals(0, byState.get("PENDING").intValue());
        assertEquals(0, byState.get("DIALING").intValue());
        assertTrue(((Number) stats.get("abandonRate")).doubleValue() <= 0.03, "abandon rate " + stats.get("abandonRate"));
        @SuppressWarnings("unchecked")
        Map<String, Number> byResult = (Map<String, Number>) stats.get("attemptsByResult");
        assertEquals(rows.size(), byResult.values().stream().mapToInt(Number::intValue).sum());
        assertTrue(byResult.containsKey("CONNECTED"), "agents talked to people: " + byResult);

        // every state change went out as an event, once, numbered without gaps
        assertEquals(rows.size(), count("SELECT count(DISTINCT data->>'attemptId') FROM event WHERE campaign_id = ?::uuid "
                + "AND type = 'attempt.completed'", id));
        assertEquals(rows.size(), count("SELECT count(*) FROM event WHERE campaign_id = ?::uuid AND type = 'attempt.completed'", id));
        assertEquals(200, count("SELECT count(*) FROM event WHERE campaign_id = ?::uuid AND type = 'contact.completed'", id));
        assertEquals(1, count("SELECT count(*) FROM event WHERE campaign_id = ?::uuid AND type = 'campaign.completed'", id));
        assertEquals(1, count("SELECT count(*) FROM event WHERE campaign_id = ?::uuid AND type = 'campaign.started'", id));
        long events = count("SELECT count(*) FROM event WHERE campaign_id = ?::uuid", id);
        assertEquals(events, count("SELECT count(DISTINCT sequence) FROM event WHERE campaign_id = ?::uuid AND sequence BETWEEN 1 AND "
                + events, id));
    }

    /** Limits per contact and number, the minimum gap, the retry delay after no answer, and no overlapping calls. */
    private static void checkRules(List<DialingFixtures.AttemptRow> history) {
        List<DialingFixtures.AttemptRow> counted = history.stream()
                .filter(a -> !Set.of("DNC_BLOCKED", "CONGESTION", "NO_RINGBACK", "NETWORK_ERROR", "CANCELLED").contains(a.result()))
                .toList();
        assertTrue(counted.size() <= 3, "at most 3 attempts per contact: " + counted);
        Map<Integer, Integer> perNumber = new HashMap<>();
        counted.forEach(a -> perNumber.merge(a.phoneIndex(), 1, Integer::sum));
        perNumber.values().forEach(n -> assertTrue(n <= 2, "at most 2 per number: " + counted));
        for (int i = 1; i < history.size(); i++) {
            DialingFixtures.AttemptRow before = history.get(i - 1);
            DialingFixtures.AttemptRow after = history.get(i);
            assertFalse(after.placedAt().isBefore(before.endedAt()), "overlapping calls to one contact: " + history);
        }
        for (int i = 1; i < counted.size(); i++) {
            DialingFixtures.AttemptRow before = counted.get(i - 1);
            DialingFixtures.AttemptRow after = counted.get(i);
            long gap = Duration.between(before.placedAt(), after.placedAt()).toSeconds();
            assertTrue(gap >= MIN_GAP, "minimum gap kept: " + gap + " s in " + history);
            if (before.result().equals("NO_ANSWER") && before.phoneIndex() == after.phoneIndex()) {
                assertTrue(gap >= NO_ANSWER_DELAY, "retry delay after NO_ANSWER kept: " + gap + " s");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> contactIds(String campaignId) {
        Map<String, String> out = new HashMap<>();
        List<Map<String, Object>> items = json().queryParam("limit", 1000).get("/v1/campaigns/" + campaignId + "/contacts")
                .then().statusCode(200).extract().path("items");
        items.forEach(c -> out.put((String) c.get("externalId"), (String) c.get("id")));
        return out;
    }

    @Test
    void predictiveKeepsAbandonsUnderTheCap() throws Exception {
        String id = campaign("PREDICTIVE", Map.of(
                "schedule", Map.of("timezone", "UTC", "windows", List.of(Map.of("days",
                        List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "from", "08:00", "to", "21:00"))),
                "retries", Map.of("maxAttemptsPerContact", 1),
                "compliance", Map.of("maxAbandonRate", 0.03),
                "simulation", simulation(200, Map.of())));
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            contacts.add(Map.of("externalId", "p" + i, "timezone", "Europe/London",
                    "phones", List.of(Map.of("number", String.format("+1312%03d%04d", 400 + i / 1000, 1000 + i % 1000), "type", "MOBILE"))));
            if (contacts.size() == 1000) {
                upsert(id, contacts).statusCode(200);
                contacts.clear();
            }
        }
        upsert(id, contacts).statusCode(200);
        simulatedAgents(id, 10);
        start(id);
        Map<String, Object> stats = awaitState(id, "COMPLETED", 240);
        @SuppressWarnings("unchecked")
        Map<String, Number> byResult = (Map<String, Number>) stats.get("attemptsByResult");
        double live = ((Number) stats.get("liveAnswers")).doubleValue();
        assertTrue(live > 200, "people answered: " + stats);
        assertTrue(((Number) stats.get("abandonRate")).doubleValue() <= 0.03, "abandon rate under the cap: " + stats);
        assertTrue(byResult.get("CONNECTED").intValue() > 200, "agents talked: " + byResult);
        List<DialingFixtures.AttemptRow> rows = attempts(id);
        long mostAtOnce = rows.stream().mapToLong(a -> rows.stream()
                .filter(b -> !b.placedAt().isAfter(a.placedAt()) && b.endedAt().isAfter(a.placedAt())).count()).max().orElse(0);
        assertTrue(mostAtOnce > 10, "the predictive pacer dials ahead of the 10 agents: at most " + mostAtOnce + " calls at once");
        assertTrue(mostAtOnce <= 30, "never more than maxLinesPerAgent (3) lines per agent: " + mostAtOnce);
    }
}
