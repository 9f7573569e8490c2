package dev.goldsmith.feeds.apt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Numbers the distinct field names met in a deb822 file, so that a parser can recognise a field and spot a duplicate
 * without turning the name into a string. Names compare without regard to ASCII case, as deb822 requires.
 *
 * <p>Two tables serve look-ups. The first holds each spelling of up to 16 bytes as seen, packed into two
 * little-endian longs with zeros after the name, and answers with two comparisons; nearly every line of an index
 * is found there. The second holds each name once, folded to lower case, and decides what a new spelling means.
 */
final class StanzaFieldNames {

    /** The longest name the packed table holds. */
    static final int PACKED_BYTES = 16;

    private final byte[][] keys;
    private final int[] numbers;
    private final int mask;
    private final int capacity;
    private int size;

    private final long[] packedLow;
    private final long[] packedHigh;
    private final int[] packedNumbers;
    private final int packedMask;
    private int packedSize;

    /** Creates a table that takes at most {@code capacity} names. */
    StanzaFieldNames(int capacity) {
        int slots = Integer.highestOneBit(Math.max(capacity, 8) * 2 - 1) * 2;
        this.keys = new byte[slots][];
        this.numbers = new int[slots];
        this.mask = slots - 1;
        this.capacity = capacity;
        this.packedLow = new long[slots];
        this.packedHigh = new long[slots];
        this.packedNumbers = new int[slots];
        Arrays.fill(packedNumbers, -1);
        this.packedMask = slots - 1;
    }

    /** Adds an ASCII {@code name} and returns its number, the one it already had if it was known. */
    int add(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        int hash = 0;
        for (byte b : bytes) {
            hash = hash(hash, b);
        }
        return number(bytes, 0, bytes.length, hash);
    }

    /**
     * Returns the number of the spelling packed in {@code low} and {@code high} (its first eight bytes and the next
     * eight, little-endian, zero after the name), or -1 when this exact spelling has not been {@link #remember
     * remembered}.
     */
    int packed(long low, long high) {
        int slot = packedSlot(low, high);
        while (true) {
            int number = packedNumbers[slot];
            if (number < 0 || packedLow[slot] == low && packedHigh[slot] == high) {
                return number;
            }
            slot = (slot + 1) & packedMask;
        }
    }

    /** Makes {@link #packed} know a spelling whose number {@link #number} gave; the table stays at most half full. */
    void remember(long low, long high, int number) {
        if (packedSize * 2 >= packedNumbers.length || packed(low, high) >= 0) {
            return;
        }
        int slot = packedSlot(low, high);
        while (packedNumbers[slot] >= 0) {
            slot = (slot + 1) & packedMask;
        }
        packedLow[slot] = low;
        packedHigh[slot] = high;
        packedNumbers[slot] = number;
        packedSize++;
    }

    private int packedSlot(long low, long high) {
        long h = (low ^ Long.rotateLeft(high, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & packedMask;
    }

    /**
     * Returns the next step of a name's hash for {@link #number}, {@code hash} being that of the bytes before
     * {@code b}: callers compute it while they look for the colon, which saves a second pass over the name.
     */
    static int hash(int hash, byte b) {
        // Setting bit 5 folds ASCII upper case onto lower case; the few symbols it also moves only collide.
        return 31 * hash + (b | 0x20);
    }

    /**
     * Returns the number of the name in {@code bytes[from, to)}, whose {@link #hash} is {@code hash}, giving it the
     * next free number when it is new, or -1 when it is new and the table is full.
     */
    int number(byte[] bytes, int from, int to, int hash) {
        int slot = (hash * 0x9E3779B9 >>> 7) & mask;
        while (true) {
            byte[] key = keys[slot];
            if (key == null) {
                if (size == capacity) {
                    return -1;
                }
                keys[slot] = Arrays.copyOfRange(bytes, from, to);
                numbers[slot] = size;
                return size++;
            }
            if (sameName(key, bytes, from, to)) {
                return numbers[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean sameName(byte[] key, byte[] bytes, int from, int to) {
        if (key.length != to - from) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            byte a = key[i];
            byte b = bytes[from + i];
            if (a != b && lower(a) != lower(b)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
