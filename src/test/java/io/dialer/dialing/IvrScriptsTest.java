package io.dialer.dialing;

import io.dialer.campaign.CampaignSettings;
import io.dialer.contact.Contact;
import io.dialer.telephony.IvrScript;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IvrScriptsTest {

    private static Contact contact(String firstName, String attributesJson) {
        return new Contact(UUID.fromString("00000000-0000-0000-0000-000000000001"), "default", UUID.randomUUID(), "crm-42",
                firstName, "Lovelace", "UTC", 0, null, null, attributesJson, null, List.of(), null, 0, null, null, null,
                null, null, null);
    }

    @Test
    void theGreetingAndSurveyAreRenderedForEachContact() {
        CampaignSettings.Ivr ivr = new CampaignSettings.Ivr("Hello {{firstName}} {{lastName}}, about your {{ plan }} plan "
                + "({{attributes.plan}}, ref {{externalId}}) on {{phone}}.",
                new CampaignSettings.IvrSurvey("{{firstName}}, press 1 to 10.", "Sorry {{firstName}}.", 3,
                        "Comment for {{missing}}please.", 45));
        IvrScript ada = IvrScripts.forContact(ivr, contact("Ada", "{\"plan\": \"gold\", \"n\": 3}"), "+13125550100");
        assertEquals("Hello Ada Lovelace, about your gold plan (gold, ref crm-42) on +13125550100.", ada.greeting());
        assertEquals(new IvrScript.Survey("Ada, press 1 to 10.", 1, 10, 3, "Sorry Ada.", "Comment for please.", 45),
                ada.survey());
        IvrScript bob = IvrScripts.forContact(ivr, contact("Bob", null), "+13125550101");
        assertEquals("Hello Bob Lovelace, about your  plan (, ref crm-42) on +13125550101.", bob.greeting());
    }

    @Test
    void withoutIvrSettingsOrWithAnEmptyRenderingTheDefaultGreetingPlays() {
        IvrScript none = IvrScripts.forContact(null, contact("Ada", null), "+13125550100");
        assertEquals(IvrScripts.DEFAULT_GREETING, none.greeting());
        assertNull(none.survey());
        IvrScript empty = IvrScripts.forContact(new CampaignSettings.Ivr("{{nickname}}", null), contact("Ada", null), "+1");
        assertEquals(IvrScripts.DEFAULT_GREETING, empty.greeting());
    }
}
