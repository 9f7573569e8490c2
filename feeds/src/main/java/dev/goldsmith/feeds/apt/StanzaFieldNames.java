package dev.goldsmith.feeds.apt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Numbers the distinct field names met in a deb822 file, so that a parser can recognise a field and spot a duplicate
 * without turning the name into a string. Names compare without regard to ASCII case, as deb822 requires.
 */
final class StanzaFieldNames {

    private final byte[][] keys;
    private final int[] numbers;
    private final int mask;
    private final int capacity;
    private int size;

    /** Creates a table that takes at most {@code capacity} names. */
    StanzaFieldNames(int capacity) {
        int slots = Integer.highestOneBit(Math.max(capacity, 8) * 2 - 1) * 2;
        this.keys = new byte[slots][];
        this.numbers = new int[slots];
        this.mask = slots - 1;
        this.capacity = capacity;
    }

    /** Returns how many names the table holds; numbers run from 0 to this less one. */
    int size() {
        return size;
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
     * Returns the next step of a name's hash, {@code hash} being that of the bytes before {@code b}: callers compute
     * it while they look for the colon, which saves a second pass over the name.
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
        // A plain loop: names are short, and the exact spelling almost always matches.
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
