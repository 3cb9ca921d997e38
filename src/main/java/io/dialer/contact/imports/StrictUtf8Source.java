package io.dialer.contact.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a byte stream as strict UTF-8 into caller-owned char arrays.
 *
 * <p>Unlike {@link java.io.InputStreamReader}, a decoding error is reported only after every char before the bad bytes
 * has been handed out, so the readers can name the row that holds the bad bytes.
 */
final class StrictUtf8Source {

    private static final int BYTE_BUFFER_SIZE = 1 << 16;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BYTE_BUFFER_SIZE).flip();
    /** Stream offset of {@code bytes.array()[0]}. */
    private long offsetOfBuffer;
    private boolean inputExhausted;
    private boolean finished;
    private InvalidUtf8Exception pendingError;

    StrictUtf8Source(InputStream in) {
        this.in = in;
    }

    /**
     * Decodes up to {@code length} chars into {@code target[offset…]}; blocks until that many chars are available or
     * the input ends. Returns the number of chars written, or -1 at the end of the input.
     *
     * @throws InvalidUtf8Exception once all chars before the bad bytes have been returned
     */
    int read(char[] target, int offset, int length) throws IOException {
        if (finished) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (pendingError == null && out.hasRemaining()) {
            CoderResult result = decoder.decode(bytes, out, inputExhausted);
            if (result.isError()) {
                pendingError = new InvalidUtf8Exception(offsetOfBuffer + bytes.position());
            } else if (result.isOverflow()) {
                break;
            } else if (inputExhausted) {
                if (decoder.flush(out).isOverflow()) {
                    break;
                }
                finished = true;
                break;
            } else {
                readMoreBytes();
            }
        }
        int written = out.position() - offset;
        if (written == 0) {
            if (pendingError != null) {
                throw pendingError;
            }
            if (finished) {
                return -1;
            }
        }
        return written;
    }

    private void readMoreBytes() throws IOException {
        offsetOfBuffer += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            inputExhausted = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    void close() throws IOException {
        in.close();
    }
}
