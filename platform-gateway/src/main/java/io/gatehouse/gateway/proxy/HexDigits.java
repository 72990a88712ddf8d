package io.gatehouse.gateway.proxy;

/** Lower-case hex of 64-bit values written into a char array: request and trace ids built without a formatter. */
final class HexDigits {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexDigits() {
    }

    /** Writes the 16 hex digits of {@code value} into {@code into} from {@code offset} on (as {@code %016x}). */
    static void write(long value, char[] into, int offset) {
        for (int i = 15; i >= 0; i--) {
            into[offset + i] = DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
