package io.dialer.dialing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.campaign.CampaignSettings;
import io.dialer.contact.Contact;
import io.dialer.platform.TextTemplate;
import io.dialer.telephony.IvrScript;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders a campaign's agentless texts for one contact. Placeholders: firstName, lastName, externalId, contactId,
 * phone (the number being called), and every top-level attribute by its own name (unless a built-in name has it) and
 * as {@code attributes.<name>}. A missing value renders empty.
 */
final class IvrScripts {

    /** Said to people reached by an AGENTLESS campaign without {@code ivr}. */
    static final String DEFAULT_GREETING = "Hello, this is an automated message. Thank you, goodbye.";
    static final int MIN_ANSWER = 1;
    static final int MAX_ANSWER = 10;

    private static final ObjectMapper READER = new ObjectMapper();

    private IvrScripts() {
    }

    static IvrScript forContact(CampaignSettings.Ivr ivr, Contact contact, String number) {
        if (ivr == null) {
            return new IvrScript(DEFAULT_GREETING, null);
        }
        Map<String, String> values = values(contact, number);
        String greeting = TextTemplate.render(ivr.greeting(), values::get).strip();
        if (greeting.isEmpty()) {
            greeting = DEFAULT_GREETING; // a template of nothing but values this contact lacks
        }
        CampaignSettings.IvrSurvey s = ivr.survey();
        if (s == null) {
            return new IvrScript(greeting, null);
        }
        return new IvrScript(greeting, new IvrScript.Survey(TextTemplate.render(s.question(), values::get).strip(),
                MIN_ANSWER, MAX_ANSWER, s.attempts() == null ? 2 : s.attempts(), optional(s.retryPrompt(), values),
                optional(s.commentPrompt(), values), s.commentSeconds() == null ? 20 : s.commentSeconds()));
    }

    static Map<String, String> values(Contact contact, String number) {
        Map<String, String> values = new HashMap<>();
        if (contact.attributesJson() != null) {
            JsonNode attributes;
            try {
                attributes = READER.readTree(contact.attributesJson());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                attributes = null;
            }
            if (attributes != null && attributes.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String value = e.getValue().isNull() ? "" : e.getValue().isValueNode() ? e.getValue().asText()
                            : e.getValue().toString();
                    values.put(e.getKey(), value);
                    values.put("attributes." + e.getKey(), value);
                }
            }
        }
        put(values, "firstName", contact.firstName());
        put(values, "lastName", contact.lastName());
        put(values, "externalId", contact.externalId());
        put(values, "contactId", contact.id() == null ? null : contact.id().toString());
        put(values, "phone", number);
        return values;
    }

    private static void put(Map<String, String> values, String name, String value) {
        values.put(name, value == null ? "" : value);
    }

    private static String optional(String template, Map<String, String> values) {
        return template == null ? null : TextTemplate.render(template, values::get).strip();
    }
}
