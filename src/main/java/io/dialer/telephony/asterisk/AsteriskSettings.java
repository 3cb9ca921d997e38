package io.dialer.telephony.asterisk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the Asterisk carrier needs, as plain values (built from {@link AsteriskConfig} in the service, directly
 * in tests).
 *
 * @param servers             AMI servers by name
 * @param agiBindHost         where the FastAGI server listens
 * @param agiPort             FastAGI port
 * @param agiAddress          host:port Asterisk uses to reach the FastAGI server ({@code DIALER_AGI})
 * @param trunkContexts       trunk name to dialplan context; an unlisted trunk {@code t} uses {@code dialer-trunk-t}
 * @param agentChannelPrefix  put before an agent's {@code sip:} endpoint to make a dial string, e.g. {@code PJSIP/sipp/}
 * @param asteriskSoundsDir   the TextToSpeech's sound store as Asterisk sees it
 * @param recordingsDir       where Asterisk writes recordings (as Asterisk sees it)
 * @param recordingStore      the same directory as the service sees it, or null when the service cannot see it (then
 *                            Ended does not wait for a recording to be complete)
 * @param amd                 the AMD() parameters
 * @param reconnectBackoff    first and longest wait between AMI connection attempts
 */
public record AsteriskSettings(Map<String, Server> servers, String agiBindHost, int agiPort, String agiAddress,
                               Map<String, String> trunkContexts, String agentChannelPrefix,
                               String asteriskSoundsDir, String recordingsDir, Path recordingStore, Amd amd,
                               Backoff reconnectBackoff) {

    public AsteriskSettings {
        Objects.requireNonNull(servers, "servers");
        servers = Map.copyOf(servers);
        trunkContexts = trunkContexts == null ? Map.of() : Map.copyOf(trunkContexts);
        amd = amd == null ? Amd.DEFAULTS : amd;
        reconnectBackoff = reconnectBackoff == null ? new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                : reconnectBackoff;
    }

    public record Server(String host, int port, String username, String secret) {
    }

    public record Backoff(Duration first, Duration max) {
    }

    /** AMD()'s parameters in its argument order (milliseconds, words, energy); Asterisk's own defaults. */
    public record Amd(int initialSilence, int greeting, int afterGreetingSilence, int totalAnalysisTime,
                      int minimumWordLength, int betweenWordsSilence, int maximumNumberOfWords, int silenceThreshold,
                      int maximumWordLength) {

        public static final Amd DEFAULTS = new Amd(2500, 1500, 800, 5000, 100, 50, 2, 256, 5000);

        /** These parameters with a campaign's own where it has them. */
        Amd tunedBy(io.dialer.telephony.AmdTuning t) {
            if (t == null) {
                return this;
            }
            return new Amd(or(t.initialSilenceMs(), initialSilence), or(t.greetingMs(), greeting),
                    or(t.afterGreetingSilenceMs(), afterGreetingSilence), or(t.totalAnalysisTimeMs(), totalAnalysisTime),
                    or(t.minimumWordLengthMs(), minimumWordLength), or(t.betweenWordsSilenceMs(), betweenWordsSilence),
                    or(t.maximumNumberOfWords(), maximumNumberOfWords), or(t.silenceThreshold(), silenceThreshold),
                    or(t.maximumWordLengthMs(), maximumWordLength));
        }

        private static int or(Integer value, int fallback) {
            return value != null ? value : fallback;
        }

        String arguments() {
            return initialSilence + "," + greeting + "," + afterGreetingSilence + "," + totalAnalysisTime + ","
                    + minimumWordLength + "," + betweenWordsSilence + "," + maximumNumberOfWords + ","
                    + silenceThreshold + "," + maximumWordLength;
        }
    }

    String trunkContext(String trunk) {
        String name = trunk == null || trunk.isBlank() ? "default" : trunk;
        return trunkContexts.getOrDefault(name, "dialer-trunk-" + name);
    }
}
