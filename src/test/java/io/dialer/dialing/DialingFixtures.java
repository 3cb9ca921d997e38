package io.dialer.dialing;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dialer.support.Api.json;

/** Campaigns, agents and database reads for the live-loop tests. */
final class DialingFixtures {

    /** A Monday noon UTC: New York and London are open, Los Angeles opens later, Berlin closes first. */
    static final String MONDAY_NOON = "2026-06-01T12:00:00Z";

    record AttemptRow(String id, String contactId, int phoneIndex, String number, Instant placedAt, Instant endedAt,
                      String result, String state, String timezone, boolean callback) {
    }

    private DialingFixtures() {
    }

    static Map<String, Object> simulation(double timeScale, Map<String, Object> extra) {
        Map<String, Object> sim = new HashMap<>(Map.of("timeScale", timeScale, "startAt", MONDAY_NOON, "seed", 7,
                "talkSeconds", Map.of("mean", 40, "cv", 0.5), "wrapSeconds", Map.of("mean", 5, "cv", 0.3),
                "patienceSeconds", Map.of("median", 8, "sigma", 0.3)));
        sim.putAll(extra);
        return sim;
    }

    static String campaign(String mode, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(settings);
        body.put("name", Api.unique("dial-" + mode));
        body.put("mode", mode);
        return Api.createCampaign(body);
    }

    static void simulatedAgents(String campaignId, int n) {
        for (int i = 0; i < n; i++) {
            json().body(Map.of("name", "sim-" + i, "campaignIds", List.of(campaignId), "simulated", true))
                    .post("/v1/agents").then().statusCode(201);
        }
    }

    static void start(String campaignId) {
        json().post("/v1/campaigns/" + campaignId + "/start").then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> stats(String campaignId) {
        return json().get("/v1/campaigns/" + campaignId + "/stats").then().statusCode(200).extract().as(Map.class);
    }

    static Map<String, Object> awaitState(String campaignId, String state, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        Map<String, Object> s = stats(campaignId);
        while (!state.equals(s.get("state")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            s = stats(campaignId);
        }
        if (!state.equals(s.get("state"))) {
            throw new AssertionError("campaign " + campaignId + " not " + state + " after " + seconds + " s: " + s);
        }
        return s;
    }

    static List<AttemptRow> attempts(String campaignId) throws SQLException {
        try (Connection c = PostgresTestResource.postgres().getPostgresDatabase().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT a.id, a.contact_id, a.phone_index, a.number, a.placed_at, a.ended_at, "
                     + "a.result, a.state, t.timezone, a.callback FROM attempt a JOIN contact t ON t.id = a.contact_id "
                     + "WHERE a.campaign_id = ?::uuid ORDER BY a.contact_id, a.placed_at, a.id")) {
            ps.setString(1, campaignId);
            List<AttemptRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AttemptRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            instant(rs, 5), instant(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getBoolean(10)));
                }
            }
            return out;
        }
    }

    static long count(String sql, String campaignId) throws SQLException {
        try (Connection c = PostgresTestResource.postgres().getPostgresDatabase().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void execute(String sql, Object... params) throws SQLException {
        try (Connection c = PostgresTestResource.postgres().getPostgresDatabase().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
