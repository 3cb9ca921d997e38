package io.dialer.telephony;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test TextToSpeech: every text becomes one second of a 440 Hz tone (8 kHz, 16-bit, mono WAV) in the store. */
final class ToneSpeech implements TextToSpeech {

    private static final int RATE = 8000;

    private final Path store;
    final List<String> rendered = new CopyOnWriteArrayList<>();

    ToneSpeech(Path store) {
        this.store = store;
    }

    @Override
    public String render(String text) {
        String name = "tone-" + Integer.toHexString(text.hashCode());
        rendered.add(text);
        Path file = store.resolve(name + ".wav");
        if (!Files.exists(file)) {
            try {
                Path tmp = Files.createTempFile(store, name, ".tmp");
                Files.write(tmp, wav(RATE));
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                file.toFile().setReadable(true, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return name;
    }

    static byte[] wav(int samples) {
        int data = samples * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(data);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / RATE)));
        }
        return b.array();
    }
}
