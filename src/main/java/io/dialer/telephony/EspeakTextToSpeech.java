package io.dialer.telephony;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * {@link TextToSpeech} with espeak-ng (Debian package {@code espeak-ng}): the text goes to {@code espeak-ng --stdin}
 * (never on the command line, never through a shell), the 22.05 kHz WAV it writes is resampled to 8 kHz mono 16-bit
 * and moved atomically into the sound store as {@code tts-<hash>.wav}, the hash being the first 16 hex digits of the
 * SHA-256 of voice, rate and text. A sound already in the store is not rendered again, and concurrent requests for
 * the same text in this process wait for one rendering. Replicas sharing the store may each render a new text once;
 * the atomic move makes that harmless.
 */
public final class EspeakTextToSpeech implements TextToSpeech {

    private static final Logger LOG = Logger.getLogger(EspeakTextToSpeech.class);
    private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_+\\-]{0,63}");
    static final int MAX_TEXT = 10_000;

    private final Path soundsDir;
    private final String command;
    private final String voice;
    private final int wordsPerMinute;
    private final Duration timeout;
    private final ConcurrentMap<String, CompletableFuture<String>> rendering = new ConcurrentHashMap<>();
    private final AtomicLong renders = new AtomicLong();

    /**
     * @param soundsDir      the sound store (created when missing)
     * @param command        the espeak-ng executable, a name on the PATH or a path
     * @param voice          espeak-ng voice, e.g. {@code en-us}
     * @param wordsPerMinute speaking rate (espeak-ng {@code -s}, 80 to 450)
     * @param timeout        longest rendering before espeak-ng is killed
     */
    public EspeakTextToSpeech(Path soundsDir, String command, String voice, int wordsPerMinute, Duration timeout) {
        if (!VOICE.matcher(voice).matches()) {
            throw new IllegalArgumentException("not an espeak-ng voice name: " + voice);
        }
        if (wordsPerMinute < 80 || wordsPerMinute > 450) {
            throw new IllegalArgumentException("speaking rate must be 80 to 450 words per minute: " + wordsPerMinute);
        }
        this.soundsDir = soundsDir;
        this.command = command;
        this.voice = voice;
        this.wordsPerMinute = wordsPerMinute;
        this.timeout = timeout;
    }

    @Override
    public String render(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("nothing to say: the text is blank");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("text too long to speak: " + text.length() + " characters, at most " + MAX_TEXT);
        }
        String name = nameOf(text);
        Path file = soundsDir.resolve(name + ".wav");
        if (Files.isRegularFile(file)) {
            return name;
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = rendering.putIfAbsent(name, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            if (!Files.isRegularFile(file)) {
                renderInto(text, file);
            }
            mine.complete(name);
            return name;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            rendering.remove(name, mine);
        }
    }

    /** The store name of a text in this voice and rate, rendered or not. */
    public String nameOf(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (voice + "\n" + wordsPerMinute + "\n" + text).getBytes(StandardCharsets.UTF_8));
            return "tts-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path soundsDir() {
        return soundsDir;
    }

    /** How many times espeak-ng ran in this instance. */
    public long renders() {
        return renders.get();
    }

    /** Why espeak-ng cannot run here (not installed, not executable), or empty when it can. */
    public static Optional<String> unavailable(String command) {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(command + " --version did not finish in 10 s");
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of(command + " --version failed (exit " + p.exitValue() + "): " + out.strip());
        } catch (IOException e) {
            return Optional.of(command + " cannot run (" + e.getMessage() + "); install the Debian package espeak-ng");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private void renderInto(String text, Path file) {
        Path raw = null;
        Path log = null;
        try {
            Files.createDirectories(soundsDir);
            raw = Files.createTempFile(soundsDir, ".espeak-", ".wav");
            log = Files.createTempFile(soundsDir, ".espeak-", ".log");
            Process p = new ProcessBuilder(List.of(command, "-v", voice, "-s", Integer.toString(wordsPerMinute), "-b", "1",
                    "-w", raw.toString(), "--stdin"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            renders.incrementAndGet();
            try (OutputStream in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("espeak-ng did not finish within " + timeout.toMillis() + " ms");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("espeak-ng failed (exit " + p.exitValue() + "): "
                        + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
            Wav.Pcm speech = Wav.toTelephone(Wav.read(raw));
            if (speech.samples().length == 0) {
                throw new IllegalStateException("espeak-ng produced no sound for the text");
            }
            Wav.writeAtomically(file, speech);
            LOG.debugf("Rendered %s (%.1f s) with espeak-ng voice %s", file.getFileName(), speech.seconds(), voice);
        } catch (IOException e) {
            throw new UncheckedIOException("text to speech into " + file + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering speech", e);
        } finally {
            deleteQuietly(raw);
            deleteQuietly(log);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.debugf(e, "could not delete %s", p);
            }
        }
    }
}
