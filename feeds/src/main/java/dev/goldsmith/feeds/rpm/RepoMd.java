package dev.goldsmith.feeds.rpm;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.LimitedInputStream;
import dev.goldsmith.feeds.xml.Elements;
import dev.goldsmith.feeds.xml.SafeXml;

/**
 * The index of an RPM repository, {@code repodata/repomd.xml}: its revision and, per data type, where the file is
 * and what it must hash to. Everything else in the repository is believed only because it matches an entry here, so
 * when the repository is signed, verify {@code repomd.xml.asc} with {@link RepoMdSignature} over the exact bytes
 * before parsing them.
 *
 * @param revision the repository's revision; createrepo writes the generation time in seconds unless told otherwise
 * @param data     one entry per data type, in document order
 */
public record RepoMd(String revision, List<Data> data) {

    /** The largest repomd.xml read; real ones are a few kilobytes. */
    public static final long MAX_BYTES = 4L << 20;

    public RepoMd {
        Objects.requireNonNull(revision, "revision");
        data = List.copyOf(data);
    }

    /** Returns the entry for {@code type}, such as {@code primary} or {@code updateinfo}. */
    public Optional<Data> find(String type) {
        return data.stream().filter(d -> d.type().equals(type)).findFirst();
    }

    /**
     * One {@code <data>} entry.
     *
     * @param type            the data type: {@code primary}, {@code filelists}, {@code other}, {@code updateinfo},
     *                        {@code primary_db}, {@code modules}, {@code group}, and more
     * @param location        the file's path relative to the repository root, such as
     *                        {@code repodata/84cb…-primary.xml.zst}
     * @param checksum        the checksum of the file as stored (compressed)
     * @param openChecksum    the checksum after decompression, when stated
     * @param size            the size in bytes as stored, when stated
     * @param openSize        the size after decompression, when stated
     * @param timestamp       when the file was generated, when stated
     * @param databaseVersion the schema version of the sqlite {@code *_db} files, when stated
     */
    public record Data(
            String type,
            String location,
            Checksum checksum,
            Optional<Checksum> openChecksum,
            OptionalLong size,
            OptionalLong openSize,
            Optional<Instant> timestamp,
            OptionalInt databaseVersion) {

        public Data {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(checksum, "checksum");
            Objects.requireNonNull(openChecksum, "openChecksum");
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(openSize, "openSize");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(databaseVersion, "databaseVersion");
        }

        /** Returns the file name part of {@link #location()}. */
        public String fileName() {
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    /** Parses the bytes of a repomd.xml; {@code source} is its URL or path, named in errors. */
    public static RepoMd parse(byte[] xml, String source) throws FeedException {
        return parse(new ByteArrayInputStream(xml), source);
    }

    /** Parses a repomd.xml, reading at most {@link #MAX_BYTES}; {@code source} is its URL or path. */
    public static RepoMd parse(InputStream in, String source) throws FeedException {
        XMLStreamReader reader = SafeXml.open(new LimitedInputStream(in, MAX_BYTES, source), source);
        try {
            String root = Elements.root(reader);
            if (!root.equals("repomd")) {
                throw new FeedException(FeedException.Kind.MALFORMED, source,
                        "root element is <" + root + ">, expected <repomd>");
            }
            return readRepomd(reader, source);
        } catch (XMLStreamException e) {
            throw SafeXml.failure(e, source);
        } finally {
            close(reader);
        }
    }

    private static RepoMd readRepomd(XMLStreamReader reader, String source)
            throws XMLStreamException, FeedException {
        String revision = null;
        List<Data> data = new ArrayList<>();
        while (Elements.nextChild(reader)) {
            switch (reader.getLocalName()) {
                case "revision" -> revision = Elements.text(reader);
                case "data" -> {
                    Data entry = readData(reader, source);
                    if (data.stream().anyMatch(d -> d.type().equals(entry.type()))) {
                        throw new FeedException(FeedException.Kind.MALFORMED, source,
                                "data type '" + entry.type() + "' is listed twice");
                    }
                    data.add(entry);
                }
                default -> Elements.skip(reader);
            }
        }
        if (revision == null || revision.isEmpty()) {
            throw new FeedException(FeedException.Kind.MALFORMED, source, "repomd has no <revision>");
        }
        return new RepoMd(revision, data);
    }

    private static Data readData(XMLStreamReader reader, String source) throws XMLStreamException, FeedException {
        String type = Elements.attribute(reader, "type");
        if (type == null || type.isBlank()) {
            throw new FeedException(FeedException.Kind.MALFORMED, source, "a <data> element has no type");
        }
        String what = "data '" + type + "'";
        String location = null;
        Checksum checksum = null;
        Checksum openChecksum = null;
        OptionalLong size = OptionalLong.empty();
        OptionalLong openSize = OptionalLong.empty();
        Instant timestamp = null;
        OptionalInt databaseVersion = OptionalInt.empty();
        while (Elements.nextChild(reader)) {
            switch (reader.getLocalName()) {
                case "location" -> {
                    location = Hrefs.requireInside(Elements.attribute(reader, "href"), source, what);
                    Elements.skip(reader);
                }
                case "checksum" -> checksum = readChecksum(reader, source, "checksum of " + what);
                case "open-checksum" -> openChecksum = readChecksum(reader, source, "open-checksum of " + what);
                case "size" -> size = OptionalLong.of(number(Elements.text(reader), source, "size of " + what));
                case "open-size" -> openSize = OptionalLong.of(
                        number(Elements.text(reader), source, "open-size of " + what));
                case "timestamp" -> timestamp = timestamp(Elements.text(reader), source, "timestamp of " + what);
                case "database_version" -> databaseVersion = OptionalInt.of(
                        smallNumber(Elements.text(reader), source, "database_version of " + what));
                default -> Elements.skip(reader);
            }
        }
        if (location == null) {
            throw new FeedException(FeedException.Kind.MALFORMED, source, what + " has no <location>");
        }
        if (checksum == null) {
            throw new FeedException(FeedException.Kind.MALFORMED, source, what + " has no <checksum>");
        }
        return new Data(type, location, checksum, Optional.ofNullable(openChecksum), size, openSize,
                Optional.ofNullable(timestamp), databaseVersion);
    }

    private static Checksum readChecksum(XMLStreamReader reader, String source, String what)
            throws XMLStreamException, FeedException {
        String type = Elements.attribute(reader, "type");
        return Checksum.parse(type, Elements.text(reader), source, what);
    }

    private static long number(String text, String source, String what) throws FeedException {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new FeedException(FeedException.Kind.MALFORMED, source,
                what + " must be a whole number of zero or more, was '" + text + "'");
    }

    private static int smallNumber(String text, String source, String what) throws FeedException {
        long value = number(text, source, what);
        if (value > Integer.MAX_VALUE) {
            throw new FeedException(FeedException.Kind.MALFORMED, source, what + " is out of range: " + text);
        }
        return (int) value;
    }

    private static Instant timestamp(String text, String source, String what) throws FeedException {
        // Old yum wrote fractional seconds ("1320316512.52"); createrepo_c writes whole seconds.
        try {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() >= 0) {
                long whole = seconds.longValue();
                long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
                return Instant.ofEpochSecond(whole, nanos);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below, with the value
        }
        throw new FeedException(FeedException.Kind.MALFORMED, source,
                what + " must be seconds since 1970, was '" + text + "'");
    }

    private static void close(XMLStreamReader reader) {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // Closing a reader frees nothing the caller holds; the input stream belongs to the caller.
        }
    }
}
