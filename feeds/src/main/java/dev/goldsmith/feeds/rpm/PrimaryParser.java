package dev.goldsmith.feeds.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.xml.Elements;

/**
 * Reads {@code primary.xml}, the package list of an RPM repository, in any compression its repomd.xml entry uses
 * (gzip, xz, zstd, bzip2 or none), one package at a time.
 *
 * <p>The whole file is checked: the number of packages read must equal the {@code packages} count the file states,
 * which also catches a file cut short at a package boundary, and when the repomd.xml entry is given, the size and
 * checksum of the stored file and of its decompressed content must match it. A streaming {@link #read} hands each
 * package to its consumer before those checks can run at the end, so a consumer must hold what it gets until
 * {@code read} returns and drop it all if {@code read} throws: a partial list must never look like packages were
 * withdrawn. {@link #readAll} does that for you.
 */
public final class PrimaryParser {

    /** The default limit on decompressed bytes; Fedora's largest primary.xml is a few hundred megabytes. */
    public static final long DEFAULT_MAX_BYTES = 2L << 30;

    private final long maxBytes;
    private final Cancellation cancellation;

    /** Returns a parser reading at most {@link #DEFAULT_MAX_BYTES} decompressed bytes per file. */
    public PrimaryParser() {
        this(DEFAULT_MAX_BYTES);
    }

    /** Returns a parser reading at most {@code maxBytes} decompressed bytes per file. */
    public PrimaryParser(long maxBytes) {
        this(maxBytes, Cancellation.never());
    }

    /**
     * Returns a parser reading at most {@code maxBytes} decompressed bytes per file, which gives up between two
     * packages as {@link FeedException.Kind#CANCELLED} once {@code cancellation} is cancelled.
     */
    public PrimaryParser(long maxBytes, Cancellation cancellation) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    }

    /**
     * Reads every package of {@code in} into {@code sink} and returns how many there were.
     *
     * @param in       the file as fetched, possibly compressed; not closed here
     * @param source   the URL or path of the file, named in errors
     * @param expected the file's entry in a verified repomd.xml, or null to skip the size and checksum checks
     * @throws FeedException {@code MALFORMED} for XML that does not parse, a package that lacks a required field, or a
     *                       count that differs from the stated one; {@code CHECKSUM} when the file differs from
     *                       {@code expected}; {@code TOO_LARGE} past the byte limit
     */
    public long read(InputStream in, String source, RepoMd.Data expected, Consumer<? super RpmPackage> sink)
            throws FeedException {
        return MetadataInput.read(in, source, expected, maxBytes, reader -> readMetadata(reader, source, sink));
    }

    /** Returns every package of {@code in}, in document order, once the whole file has been checked. */
    public List<RpmPackage> readAll(InputStream in, String source, RepoMd.Data expected) throws FeedException {
        List<RpmPackage> packages = new ArrayList<>();
        read(in, source, expected, packages::add);
        return packages;
    }

    /** Returns every package of the local file {@code file}; see {@link #readAll(InputStream, String, RepoMd.Data)}. */
    public List<RpmPackage> readAll(Path file, RepoMd.Data expected) throws FeedException {
        try (InputStream in = Files.newInputStream(file)) {
            return readAll(in, file.toString(), expected);
        } catch (IOException e) {
            throw new FeedException(FeedException.Kind.FETCH, file.toString(), "cannot read: " + e, e);
        }
    }

    private long readMetadata(XMLStreamReader reader, String source, Consumer<? super RpmPackage> sink)
            throws XMLStreamException, FeedException {
        String root = Elements.root(reader);
        if (!root.equals("metadata")) {
            throw new FeedException(FeedException.Kind.MALFORMED, source,
                    "root element is <" + root + ">, expected <metadata>");
        }
        long stated = statedCount(Elements.attribute(reader, "packages"), source);
        long count = 0;
        while (Elements.nextChild(reader)) {
            if (reader.getLocalName().equals("package")) {
                cancellation.throwIfCancelled(source);
                count++;
                sink.accept(readPackage(reader, source, count));
            } else {
                Elements.skip(reader);
            }
        }
        if (count != stated) {
            throw new FeedException(FeedException.Kind.MALFORMED, source,
                    "states packages=\"" + stated + "\" but lists " + count);
        }
        return count;
    }

    private static long statedCount(String packages, String source) throws FeedException {
        try {
            long stated = Long.parseLong(String.valueOf(packages).strip());
            if (stated >= 0) {
                return stated;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new FeedException(FeedException.Kind.MALFORMED, source,
                "<metadata> must state its package count, packages=\"" + packages + "\"");
    }

    private static RpmPackage readPackage(XMLStreamReader reader, String source, long position)
            throws XMLStreamException, FeedException {
        String name = null;
        String arch = null;
        String[] version = null;
        Checksum checksum = null;
        String size = null;
        String location = null;
        String sourceRpm = null;
        String what = "package " + position;
        while (Elements.nextChild(reader)) {
            switch (reader.getLocalName()) {
                case "name" -> {
                    name = Elements.text(reader);
                    what = "package " + position + " (" + name + ")";
                }
                case "arch" -> arch = Elements.text(reader);
                case "version" -> {
                    version = new String[] {Elements.attribute(reader, "epoch"), Elements.attribute(reader, "ver"),
                        Elements.attribute(reader, "rel")};
                    Elements.skip(reader);
                }
                case "checksum" -> {
                    String type = Elements.attribute(reader, "type");
                    checksum = Checksum.parse(type, Elements.text(reader), source, "checksum of " + what);
                }
                case "size" -> {
                    size = Elements.attribute(reader, "package");
                    Elements.skip(reader);
                }
                case "location" -> {
                    // TODO(rpm): honour xml:base, which points a package at another server; PackageData has no
                    //  place for it yet, so such packages are listed as if they lay in this repository.
                    location = Hrefs.requireInside(Elements.attribute(reader, "href"), source, what);
                    Elements.skip(reader);
                }
                case "format" -> sourceRpm = readSourceRpm(reader);
                default -> Elements.skip(reader);
            }
        }
        return build(source, what, name, arch, version, checksum, size, location, sourceRpm);
    }

    private static String readSourceRpm(XMLStreamReader reader) throws XMLStreamException {
        String sourceRpm = null;
        while (Elements.nextChild(reader)) {
            if (reader.getLocalName().equals("sourcerpm")) {
                sourceRpm = Elements.text(reader);
            } else {
                Elements.skip(reader);
            }
        }
        // Source packages list an empty <rpm:sourcerpm/>.
        return sourceRpm == null || sourceRpm.isEmpty() ? null : sourceRpm;
    }

    private static RpmPackage build(String source, String what, String name, String arch, String[] version,
            Checksum checksum, String size, String location, String sourceRpm) throws FeedException {
        if (name == null || arch == null || version == null || version[1] == null || version[2] == null
                || checksum == null || size == null || location == null) {
            throw new FeedException(FeedException.Kind.MALFORMED, source, what + " lacks one of <name>, <arch>,"
                    + " <version ver rel>, <checksum>, <size package>, <location>");
        }
        try {
            return new RpmPackage(name, arch, Evr.of(version[0], version[1], version[2]), checksum,
                    Long.parseLong(size), location, sourceRpm);
        } catch (IllegalArgumentException e) {
            // Also a NumberFormatException from the size.
            throw new FeedException(FeedException.Kind.MALFORMED, source, what + ": " + e.getMessage(), e);
        }
    }
}
