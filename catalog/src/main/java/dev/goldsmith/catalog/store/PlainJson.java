package dev.goldsmith.catalog.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import dev.goldsmith.catalog.image.ImageVersionId;

/**
 * Reads the plain JSON the catalog writes (what Jackson's {@code ObjectMapper} writes for its records) from UTF-8
 * bytes, for the streaming readers of the catalog loader ({@link ManifestReader}, {@link EntryReader}).
 *
 * <p>Why not Jackson's own streaming parser: the catalog loads once, at start-up, in a JVM whose JIT has compiled
 * nothing yet, and Jackson's parser is a few very large methods that the JIT compiles at great cost (measured: more
 * CPU in the compiler than in the parsing). This reader is small methods over a byte array, cheap to compile and
 * quick even before it is.
 *
 * <p>It is a fast path, never the definition of the format: the data-binding readers ({@code Manifest.fromJson},
 * {@code ImageEntry.fromJson}) are. So it accepts only a strict subset of JSON, which Jackson reads the same way, and
 * throws {@link Declined} on anything else: whitespace other than space, tab, line feed and carriage return; any
 * literal but {@code null}; numbers other than plain integers; escapes other than JSON's own; control characters in
 * strings; malformed UTF-8 (which the data-binding path decodes to U+FFFD, not an error), or bytes that could make
 * Jackson detect another encoding; documents too long to be sure of Jackson's size limits. The caller then gives the
 * document to the data-binding reader, whose result or error stands. Not thread-safe.
 */
final class PlainJson {

    /** Below Jackson's default limit on the length of one string, so no string here can exceed it. */
    static final int MAX_DOCUMENT = 16 * 1024 * 1024;

    private static final int[] DAYS_IN_MONTH = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private final byte[] in;
    private final Strings strings;
    private int pos;
    /** Whether an object or array was just opened, so its first member comes without a comma. */
    private boolean opened;
    /** For each object being read, outermost first, the fields read so far: one bit per index in its names. */
    private final int[] seen = new int[8];
    private int depth;

    /** Starts reading {@code json}, keeping repeated strings once in {@code strings}. */
    PlainJson(byte[] json, Strings strings) {
        if (json.length > MAX_DOCUMENT) {
            throw decline("document too long");
        }
        this.in = json;
        this.strings = strings;
    }

    /** Thrown when a document is not in the plain form; not an error, so it carries no stack trace. */
    static final class Declined extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Declined(String why) {
            super(why, null, false, false);
        }
    }

    /** Returns the exception that hands a document back to data binding, saying {@code why} for debugging. */
    static Declined decline(String why) {
        return new Declined(why);
    }

    /** Reads the {@code {} that opens an object. */
    void beginObject() {
        expect('{');
        if (depth == seen.length) {
            throw decline("objects nested too deep at byte " + pos);
        }
        seen[depth++] = 0;
        opened = true;
    }

    /**
     * Reads up to the next field's value and returns the field's name, kept once, or returns null after reading the
     * {@code }} that closes the object. For objects whose field names are data, such as a map.
     */
    String nextFieldName() {
        if (!nextMember('}')) {
            depth--;
            return null;
        }
        String name = text(true);
        expect(':');
        return name;
    }

    /**
     * Reads up to the next field's value and returns the field's name, one of {@code names}, or returns null after
     * reading the {@code }} that closes the object. Declines a field not in {@code names}, and a field that came
     * before in the same object: data binding judges those.
     */
    String nextField(Names names) {
        if (!nextMember('}')) {
            depth--;
            return null;
        }
        int field = oneOf(names);
        expect(':');
        if ((seen[depth - 1] & (1 << field)) != 0) {
            throw decline("field '" + names.names[field] + "' appears twice");
        }
        seen[depth - 1] |= 1 << field;
        return names.names[field];
    }

    /** Reads a string that must be one of {@code names} and returns its index, or -1 for {@code null}. */
    int oneOfOrNull(Names names) {
        return nullLiteral() ? -1 : oneOf(names);
    }

    /** Reads a string that must be one of {@code names} and returns its index; declines any other. */
    private int oneOf(Names names) {
        skipWhitespace();
        if (pos >= in.length || in[pos] != '"') {
            throw decline("expected a string at byte " + pos);
        }
        int start = pos + 1;
        int end = start;
        while (end < in.length && in[end] >= 0x20 && in[end] != '"' && in[end] != '\\') {
            end++;
        }
        if (end < in.length && in[end] == '"') {
            pos = end + 1;
            int index = names.indexOf(in, start, end - start);
            if (index < 0) {
                throw decline("unexpected '" + new String(in, start, end - start, StandardCharsets.ISO_8859_1)
                        + "' at byte " + start);
            }
            return index;
        }
        String text = text(false);
        for (int i = 0; i < names.names.length; i++) {
            if (names.names[i].equals(text)) {
                return i;
            }
        }
        throw decline("unexpected '" + text + "' at byte " + start);
    }

    /** The names an object's fields, or an enumeration's constants, may have: matched on the bytes. */
    static final class Names {

        private final String[] names;
        private final byte[][] bytes;

        /** Creates the set of {@code names}, at most 32, in plain ASCII. */
        Names(String... names) {
            if (names.length > Integer.SIZE) {
                throw new IllegalArgumentException("at most 32 names, not " + names.length);
            }
            this.names = names.clone();
            this.bytes = new byte[names.length][];
            for (int i = 0; i < names.length; i++) {
                bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
            }
        }

        private int indexOf(byte[] in, int start, int length) {
            for (int i = 0; i < bytes.length; i++) {
                byte[] name = bytes[i];
                if (name.length == length && Strings.same(name, 0, in, start, length)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Reads the {@code [} that opens an array, or returns false after reading {@code null} instead. */
    boolean beginArrayOrNull() {
        if (nullLiteral()) {
            return false;
        }
        expect('[');
        opened = true;
        return true;
    }

    /** Returns whether another element follows, or returns false after reading the {@code ]} that closes the array. */
    boolean nextElement() {
        return nextMember(']');
    }

    /** Returns whether an object follows, which it then opens, or false after reading {@code null} instead. */
    boolean beginObjectOrNull() {
        if (nullLiteral()) {
            return false;
        }
        beginObject();
        return true;
    }

    /** Checks that nothing but whitespace follows the document's value. */
    void end() {
        skipWhitespace();
        if (pos != in.length) {
            throw decline("something follows the document at byte " + pos);
        }
    }

    /** Reads a string, or null for {@code null}. */
    String textOrNull() {
        return nullLiteral() ? null : text(false);
    }

    /** Reads a string, kept once, or null for {@code null}. */
    String sharedTextOrNull() {
        return nullLiteral() ? null : text(true);
    }

    /** Reads an integer without fraction or exponent that surely fits a long. */
    long integer() {
        skipWhitespace();
        int start = pos;
        if (pos < in.length && in[pos] == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        int count = pos - digits;
        if (count == 0 || count > 18 || (in[digits] == '0' && count > 1)
                || (pos < in.length && (in[pos] == '.' || in[pos] == 'e' || in[pos] == 'E'))) {
            throw decline("not a plain integer at byte " + start);
        }
        long value = 0;
        for (int i = digits; i < pos; i++) {
            value = value * 10 + (in[i] - '0');
        }
        return in[start] == '-' ? -value : value;
    }

    /**
     * Reads an instant exactly as {@link Instant#toString()} writes one in years 0000 to 9999,
     * {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z}, or null for {@code null}. Other forms (offsets, lowercase, leap
     * seconds, numbers) are declined. Much faster than {@link Instant#parse}; an entry holds dozens of instants.
     */
    Instant instantOrNull() {
        if (nullLiteral()) {
            return null;
        }
        int start = plainStringStart();
        int len = pos - 1 - start;
        byte[] c = in;
        if (len < 20 || len > 30 || len == 21 || c[start + 4] != '-' || c[start + 7] != '-'
                || c[start + 10] != 'T' || c[start + 13] != ':' || c[start + 16] != ':' || c[start + len - 1] != 'Z'
                || (len > 20 && c[start + 19] != '.')) {
            throw decline("not an instant in its plain form at byte " + start);
        }
        int hour = digits(start + 11, 2);
        int minute = digits(start + 14, 2);
        int second = digits(start + 17, 2);
        int nanos = len > 20 ? digits(start + 20, len - 21) : 0;
        for (int i = len - 21; i < 9 && len > 20; i++) {
            nanos *= 10;
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw decline("not an instant in its plain form at byte " + start);
        }
        return Instant.ofEpochSecond(epochDay(start) * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /**
     * Reads an image version id, {@code YYYY.MM.DD.N}, or null for {@code null}; the same ids as
     * {@link ImageVersionId#parse}, without its regular expression. Other text is declined.
     */
    ImageVersionId versionIdOrNull() {
        if (nullLiteral()) {
            return null;
        }
        int start = plainStringStart();
        int len = pos - 1 - start;
        if (len < 12 || len > 17 || in[start + 4] != '.' || in[start + 7] != '.' || in[start + 10] != '.'
                || in[start + 11] == '0') {
            throw decline("not a plain version id at byte " + start);
        }
        return new ImageVersionId(date(start, 4, 5, 8), digits(start + 11, len - 11));
    }

    /** Reads a duration as {@link Duration#toString()} writes it, or null for {@code null}. */
    Duration durationOrNull() {
        String text = textOrNull();
        if (text == null) {
            return null;
        }
        Duration duration = Duration.parse(text);
        if (!duration.toString().equals(text)) {
            throw decline("not a duration in its plain form: " + text);
        }
        return duration;
    }

    /** Returns the position of the next string's first character and moves past it; declines escapes. */
    private int plainStringStart() {
        skipWhitespace();
        if (pos >= in.length || in[pos] != '"') {
            throw decline("expected a string at byte " + pos);
        }
        int start = ++pos;
        while (pos < in.length && in[pos] != '"') {
            if (in[pos] == '\\' || in[pos] < 0x20) {
                throw decline("not a plain string at byte " + start);
            }
            pos++;
        }
        if (pos++ >= in.length) {
            throw decline("unterminated string at byte " + start);
        }
        return start;
    }

    /**
     * Returns the day since 1970-01-01 of the date {@code YYYY-MM-DD} at {@code start}, as
     * {@link LocalDate#toEpochDay()} counts it; declines a date that does not exist. Computed here rather than through
     * {@code LocalDate}, whose checks the JIT would inline into every caller: an entry holds dozens of instants.
     */
    private long epochDay(int start) {
        int year = digits(start, 4);
        int month = digits(start + 5, 2);
        int day = digits(start + 8, 2);
        boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month] || (month == 2 && day == 29 && !leap)) {
            throw decline("not a date at byte " + start);
        }
        // Days before the year, then before the month (March-based, so February's length comes last), then the day.
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private LocalDate date(int start, int yearDigits, int month, int day) {
        try {
            return LocalDate.of(digits(start, yearDigits), digits(start + month, 2), digits(start + day, 2));
        } catch (DateTimeException e) {
            throw decline("not a date at byte " + start);
        }
    }

    private int digits(int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int d = in[i] - '0';
            if (d < 0 || d > 9) {
                throw decline("expected a digit at byte " + i);
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** Moves to the next member of an object or array, returning false after reading its {@code close}. */
    private boolean nextMember(char close) {
        skipWhitespace();
        if (pos < in.length && in[pos] == close && opened) {
            pos++;
            opened = false;
            return false;
        }
        if (!opened) {
            if (pos < in.length && in[pos] == close) {
                pos++;
                return false;
            }
            expect(',');
        }
        opened = false;
        return true;
    }

    private boolean nullLiteral() {
        skipWhitespace();
        if (pos + 3 < in.length && in[pos] == 'n' && in[pos + 1] == 'u' && in[pos + 2] == 'l' && in[pos + 3] == 'l') {
            pos += 4;
            if (pos < in.length && in[pos] != ',' && in[pos] != '}' && in[pos] != ']' && !whitespace(in[pos])) {
                throw decline("not a literal at byte " + (pos - 4));
            }
            return true;
        }
        return false;
    }

    /** Reads a string; plain ASCII without escapes, the usual case, is taken straight from the bytes. */
    private String text(boolean shared) {
        skipWhitespace();
        if (pos >= in.length || in[pos] != '"') {
            throw decline("expected a string at byte " + pos);
        }
        int start = ++pos;
        byte[] c = in;
        int i = start;
        while (i < c.length && c[i] >= 0x20 && c[i] != '"' && c[i] != '\\') {
            i++;
        }
        if (i < c.length && c[i] == '"') {
            pos = i + 1;
            return shared ? strings.of(c, start, i - start)
                    : new String(c, start, i - start, StandardCharsets.ISO_8859_1);
        }
        String text = escapedText(start);
        return shared ? strings.of(text) : text;
    }

    /** Reads a string with escapes or non-ASCII characters, starting after its opening quote. */
    private String escapedText(int start) {
        int end = start;
        while (end < in.length && in[end] != '"') {
            if (in[end] >= 0 && in[end] < 0x20) {
                throw decline("control character in a string at byte " + end);
            }
            end += in[end] == '\\' ? 2 : 1;
        }
        if (end >= in.length) {
            throw decline("unterminated string at byte " + start);
        }
        pos = end + 1;
        CharBuffer raw;
        try {
            raw = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in, start, end - start));
        } catch (CharacterCodingException e) {
            throw decline("malformed UTF-8 in a string at byte " + start);
        }
        StringBuilder text = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch != '\\') {
                text.append(ch);
                continue;
            }
            char escaped = raw.charAt(++i);
            switch (escaped) {
                case '"', '\\', '/' -> text.append(escaped);
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    if (i + 4 >= raw.length()) {
                        throw decline("short unicode escape at byte " + start);
                    }
                    int code = 0;
                    for (int k = 1; k <= 4; k++) {
                        int digit = Character.digit(raw.charAt(i + k), 16);
                        if (digit < 0 || raw.charAt(i + k) > 'f') {
                            throw decline("bad unicode escape at byte " + start);
                        }
                        code = code * 16 + digit;
                    }
                    text.append((char) code);
                    i += 4;
                }
                default -> throw decline("unknown escape at byte " + start);
            }
        }
        return text.toString();
    }

    private void expect(char expected) {
        skipWhitespace();
        if (pos >= in.length || in[pos] != expected) {
            throw decline("expected '" + expected + "' at byte " + pos);
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < in.length && whitespace(in[pos])) {
            pos++;
        }
    }

    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
