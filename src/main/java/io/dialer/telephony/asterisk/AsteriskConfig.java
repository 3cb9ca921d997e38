package io.dialer.telephony.asterisk;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code dialer.asterisk.*}: read when {@code dialer.telephony.carrier=asterisk}. */
@ConfigMapping(prefix = "dialer.asterisk")
public interface AsteriskConfig {

    /** AMI servers by name: {@code dialer.asterisk.servers.<name>.host/port/username/secret}. */
    Map<String, Server> servers();

    Agi agi();

    /** Trunk name to dialplan context; an unlisted trunk {@code t} uses the context {@code dialer-trunk-t}. */
    Map<String, String> trunks();

    /** Put before an agent's {@code sip:} endpoint to make the dial string of the agent's shift line. */
    @WithDefault("PJSIP/dialer-agents/")
    String agentChannelPrefix();

    /** The TextToSpeech's sound store as Asterisk sees it. */
    @WithDefault("/var/lib/dialer/sounds")
    String soundsDir();

    /** Where Asterisk writes recordings (MixMonitor, survey comments), as Asterisk sees it. */
    @WithDefault("/var/spool/dialer/recordings")
    String recordingsDir();

    Amd amd();

    @WithDefault("1s")
    Duration reconnectFirst();

    @WithDefault("30s")
    Duration reconnectMax();

    interface Server {
        String host();

        @WithDefault("5038")
        int port();

        String username();

        String secret();
    }

    interface Agi {
        @WithDefault("127.0.0.1")
        String bindHost();

        @WithDefault("4573")
        int port();

        /** host:port Asterisk connects to, when it differs from the bind address (NAT, containers). */
        Optional<String> address();

        /** Each answered call holds one FastAGI thread. */
        @WithDefault("500")
        int maxThreads();
    }

    /** AMD() parameters; Asterisk's defaults. */
    interface Amd {
        @WithDefault("2500")
        int initialSilence();

        @WithDefault("1500")
        int greeting();

        @WithDefault("800")
        int afterGreetingSilence();

        @WithDefault("5000")
        int totalAnalysisTime();

        @WithDefault("100")
        int minimumWordLength();

        @WithDefault("50")
        int betweenWordsSilence();

        @WithDefault("2")
        int maximumNumberOfWords();

        @WithDefault("256")
        int silenceThreshold();

        @WithDefault("5000")
        int maximumWordLength();
    }

    /** @param recordingStore {@link #recordingsDir()} as the service sees it (dialer.telephony.recordings-dir) */
    default AsteriskSettings settings(Path recordingStore) {
        Map<String, AsteriskSettings.Server> byName = new java.util.LinkedHashMap<>();
        servers().forEach((name, s) -> byName.put(name,
                new AsteriskSettings.Server(s.host(), s.port(), s.username(), s.secret())));
        Amd a = amd();
        return new AsteriskSettings(byName, agi().bindHost(), agi().port(),
                agi().address().orElse(agi().bindHost() + ":" + agi().port()), trunks(), agentChannelPrefix(),
                soundsDir(), recordingsDir(), recordingStore,
                new AsteriskSettings.Amd(a.initialSilence(), a.greeting(), a.afterGreetingSilence(),
                        a.totalAnalysisTime(), a.minimumWordLength(), a.betweenWordsSilence(),
                        a.maximumNumberOfWords(), a.silenceThreshold(), a.maximumWordLength()),
                new AsteriskSettings.Backoff(reconnectFirst(), reconnectMax()));
    }
}
