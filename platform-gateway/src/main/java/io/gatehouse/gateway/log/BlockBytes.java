package io.gatehouse.gateway.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The primitives of the block format: variable-length integers (zig-zag, so small negative numbers stay short) and
 * strings as their UTF-8 bytes after a length, where length 0 means null. Strings are stored as UTF-8 on purpose:
 * what a block holds can be searched as text, which is how the tests prove that no secret reaches the log.
 */
final class BlockBytes {
    private BlockBytes() {
    }

    /** A growing byte array to encode into. */
    static final class Out {
        private byte[] bytes;
        private int size;

        Out(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        int size() {
            return size;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }

        /** The bytes of {@code head} followed by these, in a new array. */
        byte[] toArrayAfter(Out head) {
            byte[] out = Arrays.copyOf(head.bytes, head.size + size);
            System.arraycopy(bytes, 0, out, head.size, size);
            return out;
        }

        /** Forgets what was written from {@code newSize} on. */
        void truncate(int newSize) {
            if (newSize < 0 || newSize > size) {
                throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
            }
            size = newSize;
        }

        void writeByte(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        void writeLong(long value) {
            long v = (value << 1) ^ (value >> 63);
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[size++] = (byte) v;
        }

        void writeString(String value) {
            if (value == null) {
                writeLong(0);
                return;
            }
            int start = size;
            int length = value.length();
            writeLong(length + 1L);
            ensure(length);
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    size = start;
                    writeUtf8(value);
                    return;
                }
                bytes[size++] = (byte) c;
            }
        }

        /** ASCII, the usual case, is written above without a copy; anything else goes through the encoder. */
        private void writeUtf8(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeLong(utf8.length + 1L);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Reads what {@link Out} wrote, from a position on. */
    static final class In {
        private final byte[] bytes;
        private int at;

        In(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        int position() {
            return at;
        }

        int readByte() {
            check(1);
            return bytes[at++] & 0xFF;
        }

        long readLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = readByte();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return (v >>> 1) ^ -(v & 1);
                }
            }
            throw new IllegalStateException("corrupt request log block: integer too long at byte " + at);
        }

        int readInt() {
            long value = readLong();
            if (value != (int) value) {
                throw new IllegalStateException("corrupt request log block: " + value + " is no int, at byte " + at);
            }
            return (int) value;
        }

        /** A count of items still to read, each taking at least one byte: never negative nor beyond the bytes left. */
        int readCount() {
            int count = readInt();
            if (count < 0 || count > bytes.length - at) {
                throw new IllegalStateException("corrupt request log block: count " + count + " at byte " + at
                        + " of " + bytes.length);
            }
            return count;
        }

        String readString() {
            long length = readLong() - 1;
            if (length < 0) {
                return null;
            }
            check(length);
            String value = new String(bytes, at, (int) length, StandardCharsets.UTF_8);
            at += (int) length;
            return value;
        }

        void skipString() {
            long length = readLong() - 1;
            if (length > 0) {
                check(length);
                at += (int) length;
            }
        }

        private void check(long length) {
            if (length > bytes.length - at) {
                throw new IllegalStateException("corrupt request log block: " + length + " bytes needed at byte " + at
                        + " of " + bytes.length);
            }
        }
    }
}
