package dev.goldsmith.feeds.apt;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;

/**
 * Reads a decompressed Debian {@code Packages} index one stanza at a time and returns the fields of
 * {@link PackageStanza}. It holds one buffer of input, never the whole file: the largest index Debian publishes is
 * about 50 MB, and a mirror may serve many.
 *
 * <p>It works on bytes. Field names are ASCII and are recognised without being turned into strings; values are
 * decoded as UTF-8 only for the fields kept, and the others are passed over. Architectures, source names and source
 * versions repeat across an index and are handed out as one shared string each. (Pooling the relation fields too
 * saved 3 % of the heap of a parsed bookworm index and cost 7 % of the time, so they are not.)
 *
 * <p>What it accepts, where the format leaves room:
 * <ul>
 *   <li>fields in any order, names in any ASCII case ({@code package:} is {@code Package:});</li>
 *   <li>any number of separator lines between stanzas, and before the first and after the last; a line of only
 *       spaces and tabs separates stanzas like an empty one, as Debian Policy 5.1 lets a parser do;</li>
 *   <li>a last line without a line feed;</li>
 *   <li>a carriage return before a line feed, which is dropped. Debian's tools never write one, but apt's own
 *       scanner steps over them, so a repository copied through a CRLF-minded tool still works with apt and should
 *       not fail here alone.</li>
 * </ul>
 * Anything else that does not parse fails with {@link FeedException.Kind#MALFORMED}, naming the source and the line:
 * a line that is neither {@code Field: value} nor a continuation, a continuation outside a field or after a field
 * that must fit on one line, the same field twice in a stanza, a stanza without {@code Package}, {@code Version},
 * {@code Architecture}, {@code Filename}, {@code Size} or {@code SHA256}, a {@code Size} that is not a decimal
 * number, a {@code SHA256} that is not 64 hex digits, an empty or spaced name, version or architecture, a kept value
 * that is not UTF-8, and a line longer than the limit. Versions are checked for presence and for spaces only; their
 * ordering belongs to the dpkg version code.
 *
 * <p>A file cut off exactly between two stanzas parses as a shorter, valid index. Only the checksum from the signed
 * {@code Release} file can tell, so callers read indexes through that check. After a parser has thrown, it must
 * not be used again.
 */
public final class PackagesParser {

    /** The longest line accepted unless told otherwise; the longest in bookworm's main amd64 index is 75,649. */
    public static final int DEFAULT_MAX_LINE_BYTES = 4 << 20;

    private static final int BUFFER_BYTES = 64 * 1024;
    /** Debian's main archive uses under 60 distinct field names; a file with many more is not a Packages index. */
    private static final int MAX_FIELD_NAMES = 1024;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long COLONS = 0x3A3A3A3A3A3A3A3AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    // The kept fields are registered first in every table, so their numbers are these and all others are larger.
    private static final int PACKAGE = 0;
    private static final int VERSION = 1;
    private static final int ARCHITECTURE = 2;
    private static final int SOURCE = 3;
    private static final int FILENAME = 4;
    private static final int SIZE = 5;
    private static final int SHA256 = 6;
    private static final int DEPENDS = 7;
    private static final int PRE_DEPENDS = 8;
    private static final String[] KEPT_FIELDS = {
        "Package", "Version", "Architecture", "Source", "Filename", "Size", "SHA256", "Depends", "Pre-Depends"};

    private static final byte LOWER_HEX = 1;
    private static final byte UPPER_HEX = 2;
    private static final byte NOT_HEX = 4;
    private static final byte[] HEX_KIND = new byte[256];

    static {
        Arrays.fill(HEX_KIND, NOT_HEX);
        for (int c = '0'; c <= '9'; c++) {
            HEX_KIND[c] = LOWER_HEX;
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX_KIND[c] = LOWER_HEX;
            HEX_KIND[c - 'a' + 'A'] = UPPER_HEX;
        }
    }

    private final InputStream in;
    private final String source;
    private final int maxLineBytes;

    private final StanzaFieldNames fieldNames = new StanzaFieldNames(MAX_FIELD_NAMES);
    /** For each field number, the number of the last stanza it was seen in; finds duplicates without clearing. */
    private final int[] stanzaOfField = new int[MAX_FIELD_NAMES];
    private final ByteStringPool architectures = new ByteStringPool(64);
    private final ByteStringPool sourceNames = new ByteStringPool(8192);
    private final ByteStringPool sourceVersions = new ByteStringPool(8192);

    private byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private boolean endOfInput;
    private int lineStart;
    private int lineEnd;
    private long lineNumber;
    private long stanzaCount;

    // The stanza being read. stanzaLine is 0 between stanzas; lastField is the field a continuation line extends.
    private int stanzaNumber = 1;
    private long stanzaLine;
    private int lastField = -1;
    private String name;
    private String version;
    private String architecture;
    private String sourceName;
    private String sourceVersion;
    private String filename;
    private long size = -1;
    private String sha256;
    private String depends;
    private String preDepends;

    /**
     * Creates a parser of {@code in}, which it reads but does not close.
     *
     * @param source names the input in error messages, such as the index's URL or path
     */
    public PackagesParser(InputStream in, String source) {
        this(in, source, DEFAULT_MAX_LINE_BYTES);
    }

    /** Creates a parser that refuses lines longer than {@code maxLineBytes}, line feed not counted. */
    public PackagesParser(InputStream in, String source, int maxLineBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.source = Objects.requireNonNull(source, "source");
        if (maxLineBytes < 1 || maxLineBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxLineBytes must be between 1 and 2^31 - 17, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        for (String field : KEPT_FIELDS) {
            fieldNames.add(field);
        }
    }

    /**
     * Reads all of {@code in} and gives each stanza to {@code action}, in file order.
     *
     * @return the number of stanzas read
     * @throws FeedException when the index is malformed; the stanzas before the bad one have been given already
     * @throws IOException   when reading fails, including a decompressor finding its input truncated
     */
    public static long parse(InputStream in, String source, Consumer<? super PackageStanza> action)
            throws IOException, FeedException {
        return parse(in, source, Cancellation.never(), action);
    }

    /**
     * Parses like {@link #parse(InputStream, String, Consumer)}, but gives up before the next stanza, as
     * {@link FeedException.Kind#CANCELLED}, once {@code cancellation} is cancelled: a suite's main index has tens of
     * thousands of stanzas, and a stop must not wait for all of them.
     */
    public static long parse(InputStream in, String source, Cancellation cancellation,
            Consumer<? super PackageStanza> action) throws IOException, FeedException {
        PackagesParser parser = new PackagesParser(in, source);
        for (PackageStanza stanza = parser.next(); stanza != null; stanza = parser.next()) {
            cancellation.throwIfCancelled(source);
            action.accept(stanza);
        }
        return parser.stanzaCount();
    }

    /** Returns the next stanza, or null at the end of the input. */
    public PackageStanza next() throws IOException, FeedException {
        while (readLine()) {
            int start = lineStart;
            int end = lineEnd;
            if (end > start && buffer[end - 1] == '\r') {
                end--;
            }
            if (end - start > maxLineBytes) {
                throw malformed("the line is longer than " + maxLineBytes + " bytes");
            }
            if (start == end) {
                if (stanzaLine != 0) {
                    return endStanza(lineNumber - 1);
                }
                continue;
            }
            byte first = buffer[start];
            if (first == ' ' || first == '\t') {
                if (isBlank(start + 1, end)) {
                    if (stanzaLine != 0) {
                        return endStanza(lineNumber - 1);
                    }
                    continue;
                }
                continuation(start, end);
            } else {
                field(start, end);
            }
        }
        return stanzaLine != 0 ? endStanza(lineNumber) : null;
    }

    /** Returns how many stanzas have been returned so far. */
    public long stanzaCount() {
        return stanzaCount;
    }

    /** Returns the number of the line read last, counting from 1; 0 before the first. */
    public long lineNumber() {
        return lineNumber;
    }

    // ---- lines

    /** Finds the next line and sets lineStart and lineEnd around it, line feed excluded; false at the end. */
    private boolean readLine() throws IOException, FeedException {
        int scanFrom = position;
        while (true) {
            int newline = indexOfNewline(buffer, scanFrom, limit);
            if (newline >= 0) {
                lineStart = position;
                lineEnd = newline;
                position = newline + 1;
                lineNumber++;
                return true;
            }
            if (endOfInput) {
                if (position == limit) {
                    return false;
                }
                lineStart = position;
                lineEnd = limit;
                position = limit;
                lineNumber++;
                return true;
            }
            int scanned = limit - position;
            fill();
            scanFrom = position + scanned;
        }
    }

    /** Moves the unread bytes to the front of the buffer, growing it for a long line, and reads more after them. */
    private void fill() throws IOException, FeedException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            // Room for the longest line accepted, its carriage return and its line feed.
            int most = maxLineBytes + 2;
            if (buffer.length >= most) {
                lineNumber++;
                throw malformed("the line is longer than " + maxLineBytes + " bytes");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, most));
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            endOfInput = true;
        } else {
            limit += n;
        }
    }

    /** Returns the index of the first line feed in {@code bytes[from, to)}, or -1; eight bytes a step. */
    private static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            // Little-endian order makes the lowest match the first line feed in the buffer.
            long found = bytesEqualTo((long) LONGS.get(bytes, i), NEWLINES);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean isBlank(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] != ' ' && buffer[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    // ---- fields

    private void field(int start, int end) throws FeedException {
        byte[] bytes = buffer;
        int colon = -1;
        int field = -1;
        long low = 0;
        long high = 0;
        boolean packable = false;
        // Fast path: the colon within the first 16 bytes, and the name before it spelled as seen before.
        if (start + StanzaFieldNames.PACKED_BYTES <= bytes.length) {
            low = (long) LONGS.get(bytes, start);
            long found = bytesEqualTo(low, COLONS);
            if (found != 0) {
                int length = Long.numberOfTrailingZeros(found) >>> 3;
                low &= (1L << (length << 3)) - 1;
                colon = start + length;
            } else {
                high = (long) LONGS.get(bytes, start + Long.BYTES);
                found = bytesEqualTo(high, COLONS);
                if (found != 0) {
                    int length = Long.numberOfTrailingZeros(found) >>> 3;
                    high &= (1L << (length << 3)) - 1;
                    colon = start + Long.BYTES + length;
                }
            }
            packable = colon > start && colon < end;
            if (packable) {
                field = fieldNames.packed(low, high);
            }
        }
        if (field < 0) {
            field = newSpelling(start, end);
            if (packable) {
                fieldNames.remember(low, high, field);
            } else {
                colon = start;
                while (bytes[colon] != ':') {
                    colon++;
                }
            }
        }
        if (stanzaLine == 0) {
            stanzaLine = lineNumber;
        }
        if (stanzaOfField[field] == stanzaNumber) {
            throw malformed("field " + quote(start, colon) + " appears twice in the stanza starting at line "
                    + stanzaLine);
        }
        stanzaOfField[field] = stanzaNumber;
        lastField = field;
        if (field >= KEPT_FIELDS.length) {
            return;
        }

        int from = colon + 1;
        while (from < end && (bytes[from] == ' ' || bytes[from] == '\t')) {
            from++;
        }
        int to = trimEnd(from, end);
        switch (field) {
            case PACKAGE -> name = word(from, to, null);
            case VERSION -> version = word(from, to, null);
            case ARCHITECTURE -> architecture = word(from, to, architectures);
            case SOURCE -> source(from, to);
            case FILENAME -> filename = text(from, to, FILENAME);
            case SIZE -> size = decimal(from, to);
            case SHA256 -> sha256 = sha256(from, to);
            case DEPENDS -> depends = text(from, to, DEPENDS);
            case PRE_DEPENDS -> preDepends = text(from, to, PRE_DEPENDS);
            default -> throw new IllegalStateException("unhandled kept field " + field);
        }
    }

    /** Returns the number of a field name not seen in this spelling before, checking that it is a valid name. */
    private int newSpelling(int start, int end) throws FeedException {
        byte[] bytes = buffer;
        int colon = start;
        int hash = 0;
        while (colon < end) {
            byte b = bytes[colon];
            if (b == ':') {
                break;
            }
            // Field names are printable ASCII without spaces; bytes above 0x7f are negative and fail here too.
            if (b <= ' ' || b == 0x7f) {
                colon = end;
                break;
            }
            hash = StanzaFieldNames.hash(hash, b);
            colon++;
        }
        if (colon == end || colon == start || bytes[start] == '#' || bytes[start] == '-') {
            throw malformed("expected 'Field: value' or a continuation line, found " + quote(start, end));
        }
        int field = fieldNames.number(bytes, start, colon, hash);
        if (field < 0) {
            throw malformed("more than " + MAX_FIELD_NAMES + " distinct field names; this is not a Packages index");
        }
        return field;
    }

    /** Returns {@code word} with the high bit of each byte equal to the one repeated in {@code pattern} set. */
    private static long bytesEqualTo(long word, long pattern) {
        long x = word ^ pattern;
        // Bits above the lowest match may be set wrongly by the borrow; the lowest is always right.
        return (x - ONES) & ~x & HIGH_BITS;
    }

    private void continuation(int start, int end) throws FeedException {
        if (lastField < 0) {
            throw malformed("a continuation line comes before any field: " + quote(start, end));
        }
        if (lastField >= KEPT_FIELDS.length) {
            return;
        }
        if (lastField != DEPENDS && lastField != PRE_DEPENDS) {
            throw malformed(KEPT_FIELDS[lastField] + " must fit on one line, but continues: " + quote(start, end));
        }
        // Relation fields may be folded; the value keeps the line break and indentation as written.
        String more = "\n" + text(start, trimEnd(start, end), lastField);
        if (lastField == DEPENDS) {
            depends += more;
        } else {
            preDepends += more;
        }
    }

    private PackageStanza endStanza(long lastLine) throws FeedException {
        String missing = name == null ? "Package"
                : version == null ? "Version"
                : architecture == null ? "Architecture"
                : filename == null ? "Filename"
                : size < 0 ? "Size"
                : sha256 == null ? "SHA256"
                : null;
        if (missing != null) {
            String which = name == null ? "" : " (Package " + name + ")";
            throw new FeedException(FeedException.Kind.MALFORMED, source, "the stanza starting at line " + stanzaLine
                    + which + " ends at line " + lastLine + " without a " + missing + " field");
        }
        String binarySource = sourceName == null ? name : sourceName;
        // Most binaries share the version of their source; one string then serves both.
        String binarySourceVersion = sourceVersion == null || sourceVersion.equals(version) ? version : sourceVersion;
        PackageStanza stanza = new PackageStanza(name, version, architecture, binarySource, binarySourceVersion,
                filename, size, sha256, depends, preDepends);

        stanzaCount++;
        stanzaNumber++;
        stanzaLine = 0;
        lastField = -1;
        name = null;
        version = null;
        architecture = null;
        sourceName = null;
        sourceVersion = null;
        filename = null;
        size = -1;
        sha256 = null;
        depends = null;
        preDepends = null;
        return stanza;
    }

    // ---- values

    /** Returns a non-empty value without spaces: a package name, a version or an architecture. */
    private String word(int from, int to, ByteStringPool pool) throws FeedException {
        int field = lastField;
        if (from == to) {
            throw malformed(KEPT_FIELDS[field] + " is empty");
        }
        for (int i = from; i < to; i++) {
            if (buffer[i] == ' ' || buffer[i] == '\t') {
                throw malformed(KEPT_FIELDS[field] + " must be one word, found " + quote(from, to));
            }
        }
        return pool == null ? text(from, to, field) : pooled(pool, from, to, field);
    }

    /** Reads {@code Source: name} or {@code Source: name (version)}. */
    private void source(int from, int to) throws FeedException {
        int nameEnd = from;
        while (nameEnd < to && buffer[nameEnd] != ' ' && buffer[nameEnd] != '\t' && buffer[nameEnd] != '(') {
            nameEnd++;
        }
        if (nameEnd == from) {
            throw malformed("Source must be 'name' or 'name (version)', found " + quote(from, to));
        }
        sourceName = pooled(sourceNames, from, nameEnd, SOURCE);
        int open = nameEnd;
        while (open < to && (buffer[open] == ' ' || buffer[open] == '\t')) {
            open++;
        }
        if (open == to) {
            return;
        }
        if (buffer[open] != '(' || buffer[to - 1] != ')') {
            throw malformed("Source must be 'name' or 'name (version)', found " + quote(from, to));
        }
        int versionFrom = open + 1;
        int versionTo = to - 1;
        while (versionFrom < versionTo && (buffer[versionFrom] == ' ' || buffer[versionFrom] == '\t')) {
            versionFrom++;
        }
        versionTo = trimEnd(versionFrom, versionTo);
        for (int i = versionFrom; i < versionTo; i++) {
            byte b = buffer[i];
            if (b == ' ' || b == '\t' || b == '(' || b == ')') {
                versionFrom = versionTo;
                break;
            }
        }
        if (versionFrom == versionTo) {
            throw malformed("Source must be 'name' or 'name (version)', found " + quote(from, to));
        }
        sourceVersion = pooled(sourceVersions, versionFrom, versionTo, SOURCE);
    }

    private long decimal(int from, int to) throws FeedException {
        // 18 digits always fit in a long; no package comes near an exabyte.
        if (from == to || to - from > 18) {
            throw malformed("Size must be a decimal number of bytes, found " + quote(from, to));
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9) {
                throw malformed("Size must be a decimal number of bytes, found " + quote(from, to));
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private String sha256(int from, int to) throws FeedException {
        if (to - from != 64) {
            throw malformed("SHA256 must be 64 hex digits, found " + quote(from, to));
        }
        // One table look-up a byte, no branch: digits are random, so per-character branches mispredict often.
        int kinds = 0;
        for (int i = from; i < to; i++) {
            kinds |= HEX_KIND[buffer[i] & 0xff];
        }
        if ((kinds & NOT_HEX) != 0) {
            throw malformed("SHA256 must be 64 hex digits, found " + quote(from, to));
        }
        String digest = new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
        return (kinds & UPPER_HEX) != 0 ? digest.toLowerCase(Locale.ROOT) : digest;
    }

    private String text(int from, int to, int field) throws FeedException {
        if (field == FILENAME && from == to) {
            throw malformed("Filename is empty");
        }
        try {
            return ByteStringPool.decode(buffer, from, to);
        } catch (CharacterCodingException e) {
            throw malformed(KEPT_FIELDS[field] + " is not valid UTF-8: " + quote(from, to));
        }
    }

    private String pooled(ByteStringPool pool, int from, int to, int field) throws FeedException {
        try {
            return pool.get(buffer, from, to);
        } catch (CharacterCodingException e) {
            throw malformed(KEPT_FIELDS[field] + " is not valid UTF-8: " + quote(from, to));
        }
    }

    private int trimEnd(int from, int to) {
        while (to > from && (buffer[to - 1] == ' ' || buffer[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    // ---- errors

    private FeedException malformed(String reason) {
        return new FeedException(FeedException.Kind.MALFORMED, source, "line " + lineNumber + ": " + reason);
    }

    /** Returns the bytes quoted for a message: at most 60, anything but printable ASCII as {@code \xNN}. */
    private String quote(int from, int to) {
        StringBuilder out = new StringBuilder("'");
        int shown = Math.min(to, from + 60);
        for (int i = from; i < shown; i++) {
            int b = buffer[i] & 0xff;
            if (b >= ' ' && b < 0x7f && b != '\\' && b != '\'') {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b));
            }
        }
        return out.append(shown < to ? "'..." : "'").toString();
    }
}
