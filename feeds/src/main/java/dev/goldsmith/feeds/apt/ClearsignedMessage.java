package dev.goldsmith.feeds.apt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.goldsmith.feeds.FeedException;
import org.bouncycastle.bcpg.HashAlgorithmTags;

/**
 * The parts of an OpenPGP cleartext-signed file (RFC 4880 section 7): the canonical bytes the signatures cover,
 * the signed text, the hash algorithms the armor header announces and the armored signature block.
 *
 * <p>Parsing is strict, as apt's own splitting of InRelease is: the file must start with the
 * {@code -----BEGIN PGP SIGNED MESSAGE-----} line, only {@code Hash} armor headers are allowed, every signed line
 * that starts with a dash must be dash-escaped, and nothing but whitespace may follow the signature block. Content
 * outside the signed part could otherwise be read by a lenient parser as if it were signed.
 */
final class ClearsignedMessage {

    static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";

    private static final Map<String, Integer> HASHES = Map.of(
            "MD5", HashAlgorithmTags.MD5,
            "SHA1", HashAlgorithmTags.SHA1,
            "RIPEMD160", HashAlgorithmTags.RIPEMD160,
            "SHA224", HashAlgorithmTags.SHA224,
            "SHA256", HashAlgorithmTags.SHA256,
            "SHA384", HashAlgorithmTags.SHA384,
            "SHA512", HashAlgorithmTags.SHA512,
            "SHA3-256", HashAlgorithmTags.SHA3_256,
            "SHA3-512", HashAlgorithmTags.SHA3_512);

    /** The signed lines without trailing whitespace, joined by CR LF, without a final line end. */
    final byte[] canonical;
    /** The signed lines without trailing whitespace, each ending in LF. */
    final String text;
    /** Hash algorithm ids from the {@code Hash} headers; empty when there are none. */
    final Set<Integer> announcedHashes;
    /** The armored signature block, from its BEGIN line to its END line. */
    final byte[] signatureBlock;

    private ClearsignedMessage(byte[] canonical, String text, Set<Integer> announcedHashes, byte[] signatureBlock) {
        this.canonical = canonical;
        this.text = text;
        this.announcedHashes = announcedHashes;
        this.signatureBlock = signatureBlock;
    }

    /** Returns the parts of {@code file}, or fails with SIGNATURE saying why it is not a usable signed file. */
    static ClearsignedMessage parse(byte[] file, String source) throws FeedException {
        Lines lines = new Lines(file);
        if (!lines.next() || !lines.is(BEGIN_MESSAGE)) {
            throw fail(source, "not a cleartext-signed file: it does not start with '" + BEGIN_MESSAGE + "'");
        }
        Set<Integer> hashes = readArmorHeaders(lines, source);

        ByteArrayOutputStream canonical = new ByteArrayOutputStream(file.length);
        ByteArrayOutputStream text = new ByteArrayOutputStream(file.length);
        boolean first = true;
        while (true) {
            if (!lines.next()) {
                throw fail(source, "no signature: the file ends without '" + BEGIN_SIGNATURE + "'");
            }
            if (lines.is(BEGIN_SIGNATURE)) {
                break;
            }
            int from = lines.start;
            if (lines.contentEnd > from && file[from] == '-') {
                if (lines.contentEnd - from < 2 || file[from + 1] != ' ') {
                    throw fail(source, "line " + lines.number + " starts with a dash that is not escaped as '- '");
                }
                from += 2;
            }
            int to = Math.max(from, lines.trimmedEnd);
            if (!first) {
                canonical.write('\r');
                canonical.write('\n');
            }
            canonical.write(file, from, to - from);
            text.write(file, from, to - from);
            text.write('\n');
            first = false;
        }

        int blockStart = lines.start;
        while (true) {
            if (!lines.next()) {
                throw fail(source, "the signature block has no '" + END_SIGNATURE + "' line");
            }
            if (lines.is(END_SIGNATURE)) {
                break;
            }
        }
        int blockEnd = lines.end;
        while (lines.next()) {
            if (lines.trimmedEnd > lines.start) {
                throw fail(source, "line " + lines.number + ": content after the signature block is not signed");
            }
        }
        return new ClearsignedMessage(canonical.toByteArray(), text.toString(StandardCharsets.UTF_8),
                Collections.unmodifiableSet(hashes), Arrays.copyOfRange(file, blockStart, blockEnd));
    }

    private static Set<Integer> readArmorHeaders(Lines lines, String source) throws FeedException {
        Set<Integer> hashes = new HashSet<>();
        while (true) {
            if (!lines.next()) {
                throw fail(source, "the file ends inside the armor headers");
            }
            String header = lines.trimmed();
            if (header.isEmpty()) {
                return hashes;
            }
            if (!header.startsWith("Hash:")) {
                throw fail(source, "line " + lines.number + ": armor header '" + shorten(header)
                        + "' is not allowed in a cleartext-signed file, only 'Hash:'");
            }
            for (String name : header.substring("Hash:".length()).split(",")) {
                Integer id = HASHES.get(name.trim().toUpperCase(Locale.ROOT));
                if (id == null) {
                    throw fail(source, "line " + lines.number + ": unknown hash '" + shorten(name.trim())
                            + "' in the Hash header");
                }
                hashes.add(id);
            }
        }
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static FeedException fail(String source, String reason) {
        return new FeedException(FeedException.Kind.SIGNATURE, source, reason);
    }

    /** Walks the lines of a byte array; a line ends at LF, and CR, space and tab before it are trailing space. */
    private static final class Lines {
        private final byte[] data;
        private int next;
        int number;
        int start;
        int end;
        int contentEnd;
        int trimmedEnd;

        Lines(byte[] data) {
            this.data = data;
        }

        boolean next() {
            if (next >= data.length) {
                return false;
            }
            start = next;
            int lf = start;
            while (lf < data.length && data[lf] != '\n') {
                lf++;
            }
            end = lf < data.length ? lf + 1 : lf;
            next = end;
            contentEnd = lf;
            trimmedEnd = lf;
            while (trimmedEnd > start) {
                byte b = data[trimmedEnd - 1];
                if (b != ' ' && b != '\t' && b != '\r') {
                    break;
                }
                trimmedEnd--;
            }
            number++;
            return true;
        }

        int length() {
            return trimmedEnd - start;
        }

        boolean is(String marker) {
            if (length() != marker.length()) {
                return false;
            }
            for (int i = 0; i < marker.length(); i++) {
                if (data[start + i] != marker.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        String trimmed() {
            return new String(data, start, trimmedEnd - start, StandardCharsets.UTF_8);
        }
    }
}
