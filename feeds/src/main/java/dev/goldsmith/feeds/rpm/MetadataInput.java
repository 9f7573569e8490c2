package dev.goldsmith.feeds.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.Compression;
import dev.goldsmith.feeds.xml.SafeXml;

/**
 * Reads one XML metadata file that a repomd.xml entry describes: decompresses it whatever its compression, bounds
 * its size, and hashes both the stored and the decompressed bytes while the parser consumes them, so that a file can
 * be checked against repomd.xml without being read twice or held in memory.
 */
final class MetadataInput {

    /** Parses the document a reader is positioned before. */
    interface Body<T> {
        T read(XMLStreamReader reader) throws XMLStreamException, FeedException;
    }

    private MetadataInput() {
    }

    /**
     * Returns what {@code body} read from {@code stored}, after checking size, checksum, open-size and open-checksum
     * against {@code expected}. When parsing fails and the file also differs from what repomd.xml states, the
     * failure reported is the {@code CHECKSUM} one: it is the cause, and the parse error only its symptom.
     *
     * @param stored   the file as fetched, possibly compressed; not closed here
     * @param source   the URL or path of the file, named in every error
     * @param expected the repomd.xml entry for the file, or null to read it unchecked
     * @param maxBytes the most decompressed bytes to read
     */
    static <T> T read(InputStream stored, String source, RepoMd.Data expected, long maxBytes, Body<T> body)
            throws FeedException {
        refuseZchunk(source, expected);
        CheckedInputStream file = new CheckedInputStream(stored,
                expected == null ? null : expected.checksum(),
                expected == null ? -1 : expected.size().orElse(-1), "");
        try {
            CheckedInputStream content = new CheckedInputStream(
                    Compression.detectAndDecompress(file, maxBytes, source),
                    expected == null ? null : expected.openChecksum().orElse(null),
                    expected == null ? -1 : expected.openSize().orElse(-1), "open-");
            XMLStreamReader reader = SafeXml.open(content, source);
            T result = body.read(reader);
            content.drain();
            file.drain();
            file.verify(source);
            content.verify(source);
            return result;
        } catch (XMLStreamException e) {
            throw reconcile(SafeXml.failure(e, source), file, expected, source);
        } catch (IOException e) {
            throw reconcile(SafeXml.readFailure(e, source), file, expected, source);
        } catch (FeedException e) {
            throw reconcile(e, file, expected, source);
        }
    }

    private static void refuseZchunk(String source, RepoMd.Data expected) throws FeedException {
        boolean zchunk = source.toLowerCase(Locale.ROOT).endsWith(".zck")
                || (expected != null && expected.location().toLowerCase(Locale.ROOT).endsWith(".zck"));
        if (zchunk) {
            throw new FeedException(FeedException.Kind.UNSUPPORTED, source,
                    "zchunk metadata is not supported; read the entry without the _zck suffix");
        }
    }

    private static FeedException reconcile(FeedException failure, CheckedInputStream file, RepoMd.Data expected,
            String source) {
        if (failure.kind() == FeedException.Kind.CANCELLED) {
            // Reading on to compare checksums is the work the cancellation asked to stop.
            return failure;
        }
        FeedException longer = longerThanStated(failure, source);
        if (longer != null) {
            return longer;
        }
        if (failure.kind() == FeedException.Kind.CHECKSUM || expected == null || expected.size().isEmpty()) {
            // Without a stated size, reading on to compare could be unbounded; report what was seen.
            return failure;
        }
        try {
            file.drain();
        } catch (CheckedInputStream.LongerThanStatedException e) {
            return new FeedException(FeedException.Kind.CHECKSUM, source, e.getMessage(), failure);
        } catch (IOException e) {
            return failure;
        }
        String mismatch = file.mismatch();
        return mismatch == null ? failure : new FeedException(FeedException.Kind.CHECKSUM, source, mismatch, failure);
    }

    private static FeedException longerThanStated(FeedException failure, String source) {
        Throwable t = failure.getCause();
        for (int depth = 0; t != null && depth < 10; depth++, t = nested(t)) {
            if (t instanceof CheckedInputStream.LongerThanStatedException longer) {
                return new FeedException(FeedException.Kind.CHECKSUM, source, longer.getMessage(), failure);
            }
        }
        return null;
    }

    private static Throwable nested(Throwable t) {
        if (t instanceof XMLStreamException x && x.getNestedException() != null) {
            return x.getNestedException();
        }
        return t.getCause();
    }
}
