package io.dialer.telephony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where carriers leave recordings ({@code dialer.telephony.recordings-dir}; in production a volume shared with
 * Asterisk): a bridged call's conversation as {@code <callId>.wav}, a survey comment as {@code <callId>-comment.wav}.
 * A recording's name is its file name without {@code .wav}; names that are not plain file names are refused.
 */
public final class RecordingStore {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,199}");

    private final Path dir;

    public RecordingStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** The conversation recording's name for a call. */
    public static String callRecording(String callId) {
        return callId;
    }

    /** The survey comment's name for a call. */
    public static String commentRecording(String callId) {
        return callId + "-comment";
    }

    /** A name as stored: without the {@code .wav} a carrier may have added; empty when it is no plain file name. */
    public static Optional<String> normalize(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.endsWith(".wav") ? name.substring(0, name.length() - 4) : name;
        return NAME.matcher(n).matches() ? Optional.of(n) : Optional.empty();
    }

    public Path path(String name) {
        String n = normalize(name).orElseThrow(() -> new IllegalArgumentException("not a recording name: " + name));
        return dir.resolve(n + ".wav");
    }

    /** The file of a recording that exists. */
    public Optional<Path> find(String name) {
        Optional<String> n = normalize(name);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        Path p = dir.resolve(n.get() + ".wav");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    public void write(String name, Wav.Pcm pcm) throws IOException {
        Wav.writeAtomically(path(name), pcm);
    }

    /** Deletes a recording; true when a file was there. */
    public boolean delete(String name) throws IOException {
        Optional<String> n = normalize(name);
        return n.isPresent() && Files.deleteIfExists(dir.resolve(n.get() + ".wav"));
    }
}
