package io.dialer.telephony.asterisk;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether Asterisk has finished a WAV recording: MixMonitor writes the RIFF and data sizes into the header when it
 * closes the file (after the channel is gone), so a header that matches the file's length, and a length that has
 * stopped changing, mean the file is complete.
 */
final class RecordingWait {

    private RecordingWait() {
    }

    /** @return the file's length if its header is final, else -1 */
    static long completeLength(Path file) {
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length < 44) {
                return -1;
            }
            byte[] header = new byte[44];
            raf.readFully(header);
            ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            long riff = Integer.toUnsignedLong(b.getInt(4));
            long data = Integer.toUnsignedLong(b.getInt(40));
            boolean final_ = riff + 8 == length || riff + 8 == length - 1;
            return final_ && data > 0 && data + 44 <= length ? length : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
