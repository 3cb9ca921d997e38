package io.dialer.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.campaign.Campaign;
import io.dialer.campaign.CampaignState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FallbackMessageTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void rendersContactFieldsAttributesAndCampaign() throws Exception {
        JsonNode data = MAPPER.readTree("""
                {"campaignId":"c1","contactId":"k1","externalId":"crm-1","firstName":"Ada","lastName":null,
                 "reason":"ATTEMPTS_EXHAUSTED","lastResult":"NO_ANSWER","phones":["+447700900123","+442079460000"],
                 "attributes":{"email":"ada@example.com","firstName":"Shadowed","balance":12.5,"vip":true,
                               "address":{"city":"London"}}}""");
        Campaign campaign = new Campaign(UUID.randomUUID(), "t", "Renewals", null, CampaignState.RUNNING, null, 1,
                Instant.EPOCH, Instant.EPOCH, null, null, null);
        FallbackMessage m = FallbackMessage.of(data, campaign);
        assertEquals("Ada|ada@example.com|12.5|true|{\"city\":\"London\"}|Shadowed",
                m.render("{{firstName}}|{{email}}|{{balance}}|{{vip}}|{{address}}|{{attributes.firstName}}"));
        assertEquals("+447700900123 / +447700900123, +442079460000", m.render("{{phone}} / {{phones}}"));
        assertEquals("Renewals crm-1 ATTEMPTS_EXHAUSTED NO_ANSWER [] []",
                m.render("{{campaignName}} {{externalId}} {{reason}} {{lastResult}} [{{lastName}}] [{{nope}}]"));
        assertEquals("a b", m.renderLine(" a\r\nb "));
        JsonNode otherSpelling = MAPPER.readTree("{\"contactExternalId\":\"crm-2\",\"phones\":[]}");
        assertEquals("crm-2 []", FallbackMessage.of(otherSpelling, null).render("{{externalId}} [{{phone}}]"));
    }
}
