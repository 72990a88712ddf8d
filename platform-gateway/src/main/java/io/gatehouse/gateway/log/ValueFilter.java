package io.gatehouse.gateway.log;

/**
 * A Bloom filter over the exact-match values of a block's rows (request ids, routes, credential ids, each kind hashed
 * apart): "not in this block" is certain, "maybe" costs a decode. About 10 bits per value and 7 probes, so about 1 %
 * of blocks without the value are decoded anyway. This is what lets a filter on a route, a credential or a request id
 * skip blocks without reading their rows, where a table with one row per call kept a B-tree per filter.
 */
final class ValueFilter {
    static final char REQUEST_ID = 'q';
    static final char ROUTE = 'r';
    static final char CREDENTIAL = 'c';
    private static final int PROBES = 7;
    private static final int BITS_PER_VALUE = 10;

    private final long[] bits;

    private ValueFilter(long[] bits) {
        this.bits = bits;
    }

    /** An empty filter sized for up to {@code values} values. */
    static ValueFilter forValues(int values) {
        int words = Math.max(1, (values * BITS_PER_VALUE + 63) / 64);
        return new ValueFilter(new long[words]);
    }

    void add(char kind, String value) {
        if (value != null) {
            addHash(hash(kind, value));
        }
    }

    /** Adds a value by its {@link #hash}. */
    void addHash(long h) {
        long m = bits.length * 64L;
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        for (int i = 0; i < PROBES; i++) {
            long bit = Integer.toUnsignedLong(h1 + i * h2) % m;
            bits[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    /** False when {@code value} of this kind is certainly not among the values the filter was built from. */
    static boolean mayContain(byte[] filter, char kind, String value) {
        int words = filter.length / 8;
        if (words == 0) {
            return true;
        }
        long h = hash(kind, value);
        long m = words * 64L;
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        for (int i = 0; i < PROBES; i++) {
            long bit = Integer.toUnsignedLong(h1 + i * h2) % m;
            // toBytes writes each word low byte first, so bit k is bit (k % 8) of byte k / 8
            if ((filter[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    byte[] toBytes() {
        byte[] out = new byte[bits.length * 8];
        for (int i = 0; i < bits.length; i++) {
            for (int b = 0; b < 8; b++) {
                out[i * 8 + b] = (byte) (bits[i] >>> (8 * b));
            }
        }
        return out;
    }

    /** FNV-1a over the kind and the characters, then a 64-bit finaliser so both halves are usable as hashes. */
    static long hash(char kind, String value) {
        long h = 0xcbf29ce484222325L;
        h = (h ^ kind) * 0x100000001b3L;
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
