package io.dialer.campaign;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.dialer.telephony.RecordingStore;
import io.dialer.telephony.TextToSpeech;
import io.dialer.telephony.Wav;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.dialer.support.Api.json;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agentless IVR and recording settings of a campaign: defaults, validation, and the stores behind them. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class IvrSettingsTest {

    @Inject
    TextToSpeech tts;

    @Inject
    RecordingStore recordings;

    @ConfigProperty(name = "dialer.telephony.sounds-dir")
    String soundsDir;

    @Test
    void defaultsAreFilledIn() {
        String id = Api.createCampaign(Map.of("name", Api.unique("ivr"), "mode", "AGENTLESS",
                "ivr", Map.of("greeting", "Hello {{firstName}}", "survey", Map.of("question", "Press 1 to 10"))));
        json().get("/v1/campaigns/" + id).then().statusCode(200)
                .body("ivr.greeting", equalTo("Hello {{firstName}}"))
                .body("ivr.survey.question", equalTo("Press 1 to 10"))
                .body("ivr.survey.attempts", equalTo(2))
                .body("ivr.survey.commentSeconds", equalTo(20))
                .body("ivr.survey.retryPrompt", equalTo("Sorry, that is not a valid answer."))
                .body("ivr.survey.commentPrompt", nullValue())
                .body("recording.enabled", equalTo(false))
                .body("recording.retentionDays", equalTo(30));
        json().body(Map.of("ivr", Map.of("survey", Map.of("attempts", 4, "commentPrompt", "Tell us why."))))
                .patch("/v1/campaigns/" + id).then().statusCode(200)
                .body("ivr.greeting", equalTo("Hello {{firstName}}"))
                .body("ivr.survey.attempts", equalTo(4))
                .body("ivr.survey.commentPrompt", equalTo("Tell us why."));
        String agents = Api.createCampaign(Map.of("name", Api.unique("rec"), "recording", Map.of("enabled", true)));
        json().get("/v1/campaigns/" + agents).then().body("recording.enabled", equalTo(true))
                .body("recording.retentionDays", equalTo(30)).body("ivr", nullValue());
    }

    @Test
    void badSettingsAreReportedFieldByField() {
        Api.isProblem(json().body(Map.of("name", "bad ivr", "mode", "AGENTLESS",
                "ivr", Map.of("greeting", "Hello {{firstName", "survey", Map.of("attempts", 0, "commentSeconds", 121,
                        "retryPrompt", "x".repeat(1001))),
                "recording", Map.of("enabled", true, "retentionDays", 0))).post("/v1/campaigns").then(), 422);
        json().body(Map.of("name", "bad ivr", "mode", "AGENTLESS",
                        "ivr", Map.of("greeting", "Hello {{firstName", "survey", Map.of("attempts", 0, "commentSeconds", 121,
                                "retryPrompt", "x".repeat(1001))),
                        "recording", Map.of("enabled", true, "retentionDays", 0))).post("/v1/campaigns").then()
                .body("errors.field", containsInAnyOrder("ivr.greeting", "ivr.survey.question", "ivr.survey.retryPrompt",
                        "ivr.survey.attempts", "ivr.survey.commentSeconds", "recording.enabled", "recording.retentionDays"))
                .body("errors.find { it.field == 'ivr.greeting' }.code", equalTo("invalid_template"))
                .body("errors.find { it.field == 'ivr.survey.question' }.code", equalTo("required"))
                .body("errors.find { it.field == 'ivr.survey.attempts' }.code", equalTo("out_of_range"))
                .body("errors.find { it.field == 'recording.enabled' }.code", equalTo("not_applicable"));
        json().body(Map.of("name", "ivr on agents", "mode", "PROGRESSIVE", "ivr", Map.of("greeting", "Hi"),
                        "recording", Map.of("retentionDays", 3651))).post("/v1/campaigns").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("ivr", "recording.retentionDays"))
                .body("errors[0].code", equalTo("not_applicable"));
        json().body(Map.of("name", "no greeting", "mode", "AGENTLESS", "ivr", Map.of("survey", Map.of("question", "Q?"))))
                .post("/v1/campaigns").then().statusCode(422)
                .body("errors.field", equalTo(List.of("ivr.greeting")));
        Api.isProblem(json().body(Map.of("name", "x", "outcomes", List.of(Map.of("code", "SURVEY_COMPLETED"))))
                .post("/v1/campaigns").then(), 422);
    }

    @Test
    void textToSpeechRendersIntoTheConfiguredSoundStore() throws Exception {
        String name = tts.render("Hello from the sound store.");
        Wav.Pcm pcm = Wav.read(Path.of(soundsDir).resolve(name + ".wav"));
        assertEquals(8000, pcm.sampleRate());
        assertTrue(pcm.rms() > 300);
        assertEquals(Path.of("target/test-stores/recordings").toAbsolutePath().normalize(), recordings.dir());
    }
}
