import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the synthetic RTP audio the SIPp far ends play (run with the JDK's source launcher:
 * {@code java GreetingPcap.java <dir>}); not part of the Maven build.
 *
 * <ul>
 *   <li>{@code hello.pcap}: a 0.8 s "hello" (a voiced, amplitude-modulated harmonic signal) then 2.2 s
 *       of silence, G.711 A-law (PCMA, payload type 8), 20 ms packets. Asterisk's AMD hears one short
 *       word followed by silence: HUMAN.</li>
 *   <li>{@code hello-dtmf7.pcap}: the same greeting, silence until 3.0 s, then DTMF "7" as an
 *       RFC 4733 telephone-event (payload type 101, 160 ms), then 0.5 s of silence.</li>
 * </ul>
 *
 * Packets are Ethernet/IPv4/UDP; SIPp replaces addresses and ports with the call's media ones.
 */
public final class GreetingPcap {

    private static final int PT_PCMA = 8;
    private static final int PT_EVENT = 101;
    private static final int SSRC = 0x0D1A1E27;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int seq = 1;
    private long timestamp = 8000;
    private long timeMicros = 0;
    private boolean talkspurt = true;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(dir);

        GreetingPcap hello = new GreetingPcap();
        hello.voice(800);
        hello.silence(2200);
        hello.writeTo(dir.resolve("hello.pcap"));

        GreetingPcap dtmf = new GreetingPcap();
        dtmf.voice(800);
        dtmf.silence(2200);
        dtmf.event(7, 160);
        dtmf.silence(500);
        dtmf.writeTo(dir.resolve("hello-dtmf7.pcap"));
    }

    private GreetingPcap() {
        // pcap global header, little endian, Ethernet
        le32(0xa1b2c3d4);
        le16(2);
        le16(4);
        le32(0);
        le32(0);
        le32(65535);
        le32(1);
    }

    /** A voiced sound: 140 Hz with harmonics, syllable-like envelope (4 Hz), about -12 dBFS peak. */
    private void voice(int millis) {
        int samples = millis * 8;
        byte[] frame = new byte[160];
        for (int n = 0, i = 0; n < samples; n++) {
            double t = n / 8000.0;
            double envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t - Math.PI / 2);
            double attack = Math.min(1.0, t / 0.03) * Math.min(1.0, (millis / 1000.0 - t) / 0.03);
            double s = 0;
            for (int h = 1; h <= 8; h++) {
                s += Math.sin(2 * Math.PI * 140 * h * t + h) / h;
            }
            frame[i++] = alaw((int) (s * 4200 * envelope * attack));
            if (i == frame.length) {
                audio(frame);
                i = 0;
            }
        }
    }

    private void silence(int millis) {
        byte[] frame = new byte[160];
        java.util.Arrays.fill(frame, alaw(0));
        for (int i = 0; i < millis / 20; i++) {
            audio(frame);
        }
    }

    private void audio(byte[] frame) {
        rtp(PT_PCMA, talkspurt, timestamp, frame);
        talkspurt = false;
        timestamp += 160;
        timeMicros += 20_000;
    }

    /** RFC 4733: one packet per 20 ms with growing duration, the end packet three times. */
    private void event(int digit, int millis) {
        long start = timestamp;
        int steps = millis / 20;
        for (int i = 1; i <= steps; i++) {
            boolean end = i == steps;
            int duration = i * 160;
            for (int copy = 0; copy < (end ? 3 : 1); copy++) {
                byte[] payload = {(byte) digit, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
                rtp(PT_EVENT, i == 1 && copy == 0, start, payload);
            }
            timestamp += 160;
            timeMicros += 20_000;
        }
        talkspurt = true;
    }

    private void rtp(int payloadType, boolean marker, long ts, byte[] payload) {
        byte[] rtp = new byte[12 + payload.length];
        rtp[0] = (byte) 0x80;
        rtp[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        rtp[2] = (byte) (seq >> 8);
        rtp[3] = (byte) seq;
        seq = (seq + 1) & 0xffff;
        for (int k = 0; k < 4; k++) {
            rtp[4 + k] = (byte) (ts >> (24 - 8 * k));
            rtp[8 + k] = (byte) (SSRC >> (24 - 8 * k));
        }
        System.arraycopy(payload, 0, rtp, 12, payload.length);
        packet(rtp);
    }

    private void packet(byte[] udpPayload) {
        int udpLength = 8 + udpPayload.length;
        int ipLength = 20 + udpLength;
        byte[] frame = new byte[14 + ipLength];
        frame[12] = 0x08; // IPv4
        int ip = 14;
        frame[ip] = 0x45;
        frame[ip + 2] = (byte) (ipLength >> 8);
        frame[ip + 3] = (byte) ipLength;
        frame[ip + 8] = 64; // TTL
        frame[ip + 9] = 17; // UDP
        byte[] loopback = {127, 0, 0, 1};
        System.arraycopy(loopback, 0, frame, ip + 12, 4);
        System.arraycopy(loopback, 0, frame, ip + 16, 4);
        int sum = 0;
        for (int k = 0; k < 20; k += 2) {
            sum += ((frame[ip + k] & 0xff) << 8) | (frame[ip + k + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        frame[ip + 10] = (byte) (~sum >> 8);
        frame[ip + 11] = (byte) ~sum;
        int udp = ip + 20;
        frame[udp] = (byte) (6000 >> 8);
        frame[udp + 1] = (byte) 6000;
        frame[udp + 2] = (byte) (6002 >> 8);
        frame[udp + 3] = (byte) 6002;
        frame[udp + 4] = (byte) (udpLength >> 8);
        frame[udp + 5] = (byte) udpLength;
        System.arraycopy(udpPayload, 0, frame, udp + 8, udpPayload.length);

        le32((int) (timeMicros / 1_000_000));
        le32((int) (timeMicros % 1_000_000));
        le32(frame.length);
        le32(frame.length);
        out.writeBytes(frame);
    }

    /** ITU-T G.711 A-law from 16-bit linear. */
    static byte alaw(int pcm) {
        pcm = Math.max(-32768, Math.min(32767, pcm));
        int sign = pcm >= 0 ? 0x80 : 0x00;
        int magnitude = pcm >= 0 ? pcm : -pcm - 1;
        magnitude >>= 3; // 13-bit
        int exponent = 0;
        for (int m = magnitude >> 5; m != 0 && exponent < 7; m >>= 1) {
            exponent++;
        }
        int mantissa = exponent == 0 ? (magnitude >> 1) & 0x0f : (magnitude >> exponent) & 0x0f;
        return (byte) ((sign | (exponent << 4) | mantissa) ^ 0x55);
    }

    private void le16(int v) {
        out.write(v);
        out.write(v >> 8);
    }

    private void le32(int v) {
        le16(v);
        le16(v >> 16);
    }

    private void writeTo(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, out.toByteArray());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
