package dev.goldsmith.feeds.apt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns UTF-8 bytes into strings and hands out the same string for the same bytes while it remembers them, so
 * that values repeated across an index (architectures, source names) are held once. It is a cache, not a set:
 * each slot keeps the last value that hashed to it, which bounds its size whatever the input.
 */
final class ByteStringPool {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[][] keys;
    private final String[] values;
    private final int mask;

    /** Creates a pool of {@code slots} slots, a power of two. */
    ByteStringPool(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, was " + slots);
        }
        this.keys = new byte[slots][];
        this.values = new String[slots];
        this.mask = slots - 1;
    }

    /** Returns the string {@code bytes[from, to)} encode, the one handed out before when the pool still has it. */
    String get(byte[] bytes, int from, int to) throws CharacterCodingException {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        int slot = (h * 0x9E3779B9 >>> 8) & mask;
        byte[] key = keys[slot];
        if (key != null && sameBytes(key, bytes, from, to)) {
            return values[slot];
        }
        String value = decode(bytes, from, to);
        keys[slot] = Arrays.copyOfRange(bytes, from, to);
        values[slot] = value;
        return value;
    }

    private static boolean sameBytes(byte[] key, byte[] bytes, int from, int to) {
        if (key.length != to - from) {
            return false;
        }
        // Pooled values are short: eight bytes a step, then the rest, beats the set-up of Arrays.equals.
        int i = 0;
        for (; i <= key.length - Long.BYTES; i += Long.BYTES) {
            if ((long) LONGS.get(key, i) != (long) LONGS.get(bytes, from + i)) {
                return false;
            }
        }
        for (; i < key.length; i++) {
            if (key[i] != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** Returns the string {@code bytes[from, to)} encode, refusing bytes that are not well-formed UTF-8. */
    static String decode(byte[] bytes, int from, int to) throws CharacterCodingException {
        // Eight bytes a step: any byte beyond ASCII has its high bit set.
        long highBits = 0;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            highBits |= (long) LONGS.get(bytes, i);
        }
        for (; i < to; i++) {
            highBits |= bytes[i];
        }
        if ((highBits & 0x8080808080808080L) == 0) {
            // Pure ASCII, by far the common case: Latin-1 copies the bytes straight into a compact string.
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, from, to - from))
                .toString();
    }
}
