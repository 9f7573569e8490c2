package dev.goldsmith.catalog.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps one instance of each distinct string the catalog loader reads, so the 1.2 million package records of a large
 * catalog share a few tens of thousands of strings. Each loading thread has its own {@code Strings}, looked up by the
 * document's bytes so that a string seen before costs no allocation; a miss goes to the map shared by all threads,
 * which decides the one instance. Not thread-safe: one per thread.
 */
final class Strings {

    private final ConcurrentMap<String, String> shared;
    /** The table, by slot: the string, its hash, and where its bytes are in {@link #arena}. */
    private String[] values = new String[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int[] starts = new int[1 << 12];
    private int[] lengths = new int[1 << 12];
    /** The bytes of every string in the table, one after the other: compact, so lookups stay in the cache. */
    private byte[] arena = new byte[1 << 16];
    private int arenaSize;
    private int size;

    /** Creates a thread's table in front of {@code shared}, the map every thread of one load uses. */
    Strings(ConcurrentMap<String, String> shared) {
        this.shared = shared;
    }

    /** Returns the one instance of {@code value}, or null for null. */
    String of(String value) {
        if (value == null) {
            return null;
        }
        String known = shared.get(value);
        if (known != null) {
            return known;
        }
        known = shared.putIfAbsent(value, value);
        return known == null ? value : known;
    }

    /** Returns the one instance of the ASCII string in {@code bytes[offset, offset + length)}. */
    String of(byte[] bytes, int offset, int length) {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        int mask = values.length - 1;
        int slot = spread(hash) & mask;
        for (String known = values[slot]; known != null; known = values[slot]) {
            if (hashes[slot] == hash && lengths[slot] == length && same(arena, starts[slot], bytes, offset, length)) {
                return known;
            }
            slot = (slot + 1) & mask;
        }
        String canonical = of(new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
        if (arenaSize + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + length));
        }
        System.arraycopy(bytes, offset, arena, arenaSize, length);
        values[slot] = canonical;
        hashes[slot] = hash;
        starts[slot] = arenaSize;
        lengths[slot] = length;
        arenaSize += length;
        if (++size * 2 > values.length) {
            grow();
        }
        return canonical;
    }

    /** Compares two short byte runs; a plain loop beats {@code Arrays.equals} on strings this short, before the JIT. */
    static boolean same(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        for (int i = 0; i < length; i++) {
            if (a[aOffset + i] != b[bOffset + i]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        String[] oldValues = values;
        int[] oldHashes = hashes;
        int[] oldStarts = starts;
        int[] oldLengths = lengths;
        int capacity = oldValues.length * 2;
        values = new String[capacity];
        hashes = new int[capacity];
        starts = new int[capacity];
        lengths = new int[capacity];
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                int slot = spread(oldHashes[i]) & (capacity - 1);
                while (values[slot] != null) {
                    slot = (slot + 1) & (capacity - 1);
                }
                values[slot] = oldValues[i];
                hashes[slot] = oldHashes[i];
                starts[slot] = oldStarts[i];
                lengths[slot] = oldLengths[i];
            }
        }
    }

    /** Mixes the high bits into the low ones, which pick the slot: similar names differ mostly in their last chars. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
