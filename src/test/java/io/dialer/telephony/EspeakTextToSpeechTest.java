package io.dialer.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real renderings with espeak-ng, which CI installs (Debian package espeak-ng); without it this test fails. */
class EspeakTextToSpeechTest {

    @TempDir
    Path sounds;

    @BeforeAll
    static void espeakIsInstalled() {
        EspeakTextToSpeech.unavailable("espeak-ng").ifPresent(problem -> fail("espeak-ng is required for text to speech "
                + "and its tests: " + problem + ". Install it with: apt-get install -y espeak-ng (CI does so in .ci/run)"));
    }

    private EspeakTextToSpeech tts(String voice) {
        return new EspeakTextToSpeech(sounds, "espeak-ng", voice, 160, Duration.ofSeconds(20));
    }

    @Test
    void rendersTelephoneQualitySpeechIntoTheSoundStore() throws Exception {
        EspeakTextToSpeech tts = tts("en-us");
        String name = tts.render("Hello Ada, this is your energy company calling about your new contract.");
        assertTrue(name.matches("tts-[0-9a-f]{16}"), name);
        Path file = sounds.resolve(name + ".wav");
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(bytes, 0, 4));
        assertEquals(bytes.length - 8, header.getInt(4), "RIFF size");
        assertEquals("WAVE", new String(bytes, 8, 4));
        assertEquals(1, header.getShort(20), "PCM");
        assertEquals(1, header.getShort(22), "mono");
        assertEquals(8000, header.getInt(24), "8 kHz");
        assertEquals(16, header.getShort(34), "16-bit");
        Wav.Pcm pcm = Wav.parse(bytes);
        assertTrue(pcm.seconds() > 2 && pcm.seconds() < 15, "a sentence takes seconds: " + pcm.seconds());
        assertTrue(pcm.rms() > 300, "speech, not silence: rms " + pcm.rms());
        try (var listing = Files.list(sounds)) {
            assertEquals(List.of(file), listing.toList(), "no temporary files left behind");
        }
    }

    @Test
    void theSameTextIsRenderedOnceAndADifferentOneGetsItsOwnName() throws Exception {
        EspeakTextToSpeech tts = tts("en-us");
        String name = tts.render("Press 1 to 10 on your keypad.");
        Path file = sounds.resolve(name + ".wav");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
        assertEquals(name, tts.render("Press 1 to 10 on your keypad."));
        assertEquals(1, tts.renders(), "a cache hit does not run espeak-ng");
        assertEquals(FileTime.fromMillis(1_000_000), Files.getLastModifiedTime(file), "the file was not rewritten");
        EspeakTextToSpeech another = tts("en-us");
        assertEquals(name, another.render("Press 1 to 10 on your keypad."));
        assertEquals(0, another.renders(), "the store is the cache, also for another instance (another replica)");
        assertNotEquals(name, tts.render("Press 1 to 5 on your keypad."));
        assertNotEquals(name, tts("en-gb").nameOf("Press 1 to 10 on your keypad."), "the voice is part of the name");
    }

    @Test
    void concurrentRequestsForANewTextRenderItOnce() throws Exception {
        EspeakTextToSpeech tts = tts("en-us");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> tts.render("Thank you for your answer. Goodbye."));
            }
            Set<String> names = new java.util.HashSet<>();
            for (Future<String> f : pool.invokeAll(tasks)) {
                names.add(f.get());
            }
            assertEquals(1, names.size());
            assertEquals(1, tts.renders());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void textIsSpokenNeverTakenForOptions() throws Exception {
        EspeakTextToSpeech tts = tts("en-us");
        Path elsewhere = sounds.resolve("elsewhere.wav");
        String name = tts.render("-w " + elsewhere + " --help");
        assertTrue(Files.isRegularFile(sounds.resolve(name + ".wav")));
        assertTrue(Files.notExists(elsewhere), "the text reached espeak-ng as text");
        try (var listing = Files.list(sounds)) {
            assertEquals(Set.of(name + ".wav"), listing.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }
}
