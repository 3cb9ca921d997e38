package io.dialer.telephony;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The file stores carriers share with the service: sounds rendered by text to speech, and recordings. Both are plain
 * directories; in production they are volumes Asterisk sees at the same paths.
 */
@ApplicationScoped
public class TelephonyStores {

    @Produces
    @Singleton
    RecordingStore recordingStore(@ConfigProperty(name = "dialer.telephony.recordings-dir") String dir) {
        return new RecordingStore(Path.of(dir));
    }

    @Produces
    @Singleton
    @DefaultBean
    TextToSpeech textToSpeech(@ConfigProperty(name = "dialer.telephony.sounds-dir") String dir,
                              @ConfigProperty(name = "dialer.telephony.tts.command", defaultValue = "espeak-ng") String command,
                              @ConfigProperty(name = "dialer.telephony.tts.voice", defaultValue = "en-us") String voice,
                              @ConfigProperty(name = "dialer.telephony.tts.words-per-minute", defaultValue = "160") int rate,
                              @ConfigProperty(name = "dialer.telephony.tts.timeout", defaultValue = "PT20S") Duration timeout) {
        return new EspeakTextToSpeech(Path.of(dir), command, voice, rate, timeout);
    }
}
