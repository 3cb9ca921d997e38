package io.dialer.telephony.asterisk;

import io.dialer.telephony.RecordingStore;
import io.dialer.telephony.TextToSpeech;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Builds the Asterisk carrier from {@code dialer.asterisk.*} when {@code dialer.telephony.carrier=asterisk}. */
@ApplicationScoped
public class AsteriskCarrierFactory {

    @Inject
    AsteriskConfig config;

    @Inject
    Instance<TextToSpeech> speech;

    @Inject
    RecordingStore recordings;

    public AsteriskCarrier create() {
        TextToSpeech tts = speech.isResolvable() ? speech.get() : text -> {
            throw new IllegalStateException("no TextToSpeech available to render: " + text);
        };
        return new AsteriskCarrier(config.settings(recordings.dir()), tts, config.agi().maxThreads()).start();
    }
}
