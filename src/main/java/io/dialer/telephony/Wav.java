package io.dialer.telephony;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

/**
 * The sound format carriers play and record: RIFF WAV, PCM, 16-bit little-endian. Reads what espeak-ng and Asterisk
 * write (mono or stereo 16-bit PCM, any rate), resamples to the telephone rate, and writes 8 kHz mono files.
 */
public final class Wav {

    /** The telephone rate: what Asterisk's {@code wav} format plays without transcoding. */
    public static final int TELEPHONE_RATE = 8000;

    /** Mono 16-bit samples at {@code sampleRate}. */
    public record Pcm(int sampleRate, short[] samples) {

        public double seconds() {
            return samples.length / (double) sampleRate;
        }

        /** Root mean square of the samples, 0 for silence, up to 32767. */
        public double rms() {
            if (samples.length == 0) {
                return 0;
            }
            double sum = 0;
            for (short s : samples) {
                sum += (double) s * s;
            }
            return Math.sqrt(sum / samples.length);
        }
    }

    private Wav() {
    }

    /** Parses a 16-bit PCM WAV; stereo is mixed down. A streamed file's unknown data size reads to the end. */
    public static Pcm parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            throw new IllegalArgumentException("not a RIFF WAVE file");
        }
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int format = 0;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt(pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                format = Short.toUnsignedInt(b.getShort(body));
                channels = Short.toUnsignedInt(b.getShort(body + 2));
                rate = b.getInt(body + 4);
                bits = Short.toUnsignedInt(b.getShort(body + 14));
            } else if (id == 0x61746164) { // "data"
                if (format != 1 || bits != 16 || channels < 1 || channels > 2 || rate <= 0) {
                    throw new IllegalArgumentException("unsupported WAV: format " + format + ", " + bits + " bits, "
                            + channels + " channels, " + rate + " Hz (16-bit PCM mono or stereo expected)");
                }
                int end = (int) Math.min(bytes.length, body + size);
                int frames = (end - body) / (2 * channels);
                short[] out = new short[frames];
                for (int i = 0; i < frames; i++) {
                    int at = body + i * 2 * channels;
                    out[i] = channels == 1 ? b.getShort(at) : (short) ((b.getShort(at) + b.getShort(at + 2)) / 2);
                }
                return new Pcm(rate, out);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw new IllegalArgumentException("WAV without a data chunk");
    }

    public static Pcm read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** The file bytes of a mono 16-bit PCM WAV. */
    public static byte[] bytes(Pcm pcm) {
        int data = pcm.samples().length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + data).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(pcm.sampleRate())
                .putInt(pcm.sampleRate() * 2).putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(data);
        for (short s : pcm.samples()) {
            b.putShort(s);
        }
        return b.array();
    }

    /**
     * Writes the file so that readers never see it half-written: into a temporary file next to it, then moved into
     * place atomically (replacing an older file of the same name).
     */
    public static void writeAtomically(Path file, Pcm pcm) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try {
            Files.write(tmp, bytes(pcm));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Resamples with a windowed-sinc low-pass at 90 % of the lower Nyquist frequency, so that speech rendered at
     * 22.05 kHz does not alias into the telephone band.
     */
    public static Pcm resample(Pcm in, int rate) {
        if (in.sampleRate() == rate) {
            return in;
        }
        double ratio = (double) rate / in.sampleRate();
        double cutoff = 0.9 * 0.5 * Math.min(1.0, ratio); // cycles per input sample
        int halfTaps = (int) Math.ceil(8 / (2 * cutoff)); // 8 zero crossings each side
        short[] src = in.samples();
        int n = (int) Math.floor(src.length * ratio);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            double center = i / ratio;
            int first = (int) Math.ceil(center - halfTaps);
            int last = (int) Math.floor(center + halfTaps);
            double sum = 0;
            double weights = 0;
            for (int k = Math.max(0, first); k <= Math.min(src.length - 1, last); k++) {
                double x = k - center;
                double w = 2 * cutoff * sinc(2 * cutoff * x) * hann(x / halfTaps);
                sum += w * src[k];
                weights += w;
            }
            out[i] = clip(weights == 0 ? 0 : sum / weights); // unit gain at DC
        }
        return new Pcm(rate, out);
    }

    /** The telephone format: mono 8 kHz. */
    public static Pcm toTelephone(Pcm in) {
        return resample(in, TELEPHONE_RATE);
    }

    /**
     * A few seconds of speech-like sound (a buzzy voice at changing pitch, in syllables): what the simulated carrier
     * stores as a recording. Deterministic for a seed.
     */
    public static Pcm synthetic(double seconds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = (int) Math.round(seconds * TELEPHONE_RATE);
        short[] out = new short[n];
        double phase = 0;
        double pitch = 110 + random.nextDouble() * 100;
        int syllable = 0;
        double loudness = 0;
        for (int i = 0; i < n; i++) {
            if (i >= syllable) {
                syllable = i + TELEPHONE_RATE / 8 + random.nextInt(TELEPHONE_RATE / 4);
                pitch = Math.max(80, Math.min(260, pitch + random.nextDouble() * 40 - 20));
                loudness = random.nextDouble() < 0.2 ? 0 : 0.3 + random.nextDouble() * 0.4;
            }
            phase += 2 * Math.PI * pitch / TELEPHONE_RATE;
            double voice = Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase);
            out[i] = clip(loudness * 12000 * voice / 1.75);
        }
        return new Pcm(TELEPHONE_RATE, out);
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    private static double hann(double x) {
        return Math.abs(x) >= 1 ? 0 : 0.5 + 0.5 * Math.cos(Math.PI * x);
    }

    private static short clip(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
}
