package io.dialer.contact.imports;

import java.io.IOException;

/** The input is not valid UTF-8 at {@link #byteOffset()} (0-based, counted from the start of the stream). */
final class InvalidUtf8Exception extends IOException {

    private final long byteOffset;

    InvalidUtf8Exception(long byteOffset) {
        super("invalid UTF-8 byte sequence at byte offset " + byteOffset);
        this.byteOffset = byteOffset;
    }

    long byteOffset() {
        return byteOffset;
    }
}
