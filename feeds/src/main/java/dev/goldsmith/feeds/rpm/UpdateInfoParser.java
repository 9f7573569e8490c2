package dev.goldsmith.feeds.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.xml.Elements;

/**
 * Reads an RPM repository's {@code updateinfo.xml} (in any compression) as an advisory source, one
 * {@link AdvisoryData} per erratum.
 *
 * <p>How an erratum becomes an advisory:
 * <ul>
 * <li>Only errata of type {@code security} are mapped under {@link Scope#SECURITY}, the scope the advisory flow uses.
 *     Bugfix and enhancement errata fix no vulnerability; as advisories they would make policies revoke image
 *     versions for ordinary updates, and the new package versions they bring already arrive as package facts from
 *     primary.xml. {@link Scope#ALL} maps every type, with severity {@link Severity#NONE} for non-security ones.
 * <li>Severity: {@code Critical} → CRITICAL, {@code Important} → HIGH, {@code Moderate} → MEDIUM,
 *     {@code Low} → LOW (Amazon's {@code high} and {@code medium} likewise); absent or anything else → UNKNOWN.
 * <li>Dates are read by {@link ErrataDates}, in UTC when no zone is given. {@code published} is the issued date,
 *     {@code modified} the updated date; either stands in for the other when it is missing or unreadable.
 * <li>Aliases are the CVE ids of {@code type="cve"} references, and CVE-shaped ids in the ids and titles of the other
 *     references (Red Hat's bugzilla titles start with one), upper-cased, once each, in order of appearance.
 * <li>Every binary package of the pkglist becomes one {@code AffectedPackage} with the release given to the parser,
 *     version scheme RPM, {@code fixed} = the package's {@code [epoch:]version-release} (see {@link Evr}) and no
 *     {@code introduced}; the arches of one name and version collapse into one entry, and {@code src} packages are
 *     left out because installed systems hold binary packages only.
 * </ul>
 *
 * <p>An erratum that is in scope but cannot be mapped (no id, no readable date, no binary package, a package without
 * version, an id seen before in the same file) is skipped and reported in {@link UpdateInfo.Report}, and the rest of
 * the file is still read: one broken entry among thousands should not hide the others. A file that is not
 * well-formed, or does not match its repomd.xml entry, yields nothing: it fails with a {@link FeedException}.
 * A streaming {@link #read} hands over advisories before those final checks, so a consumer must hold them until
 * {@code read} returns and drop them if it throws; {@link #readAll} does that for you.
 */
public final class UpdateInfoParser {

    /** Which errata become advisories. */
    public enum Scope {
        /** Only {@code type="security"} errata. */
        SECURITY,
        /** Every erratum, whatever its type. */
        ALL
    }

    /** The default limit on decompressed bytes; RHEL's largest updateinfo.xml is a few hundred megabytes. */
    public static final long DEFAULT_MAX_BYTES = 2L << 30;

    private final ErratumMapper mapper;
    private final long maxBytes;
    private final Cancellation cancellation;

    /**
     * Returns a parser for the errata of one distribution release.
     *
     * @param release    the distribution release every affected package belongs to, such as {@code almalinux-9};
     *                   updateinfo does not name it reliably, so the caller, who configured the repository, does
     * @param sourceFeed the configured feed, recorded in every advisory
     * @param scope      which errata become advisories
     */
    public UpdateInfoParser(String release, String sourceFeed, Scope scope) {
        this(release, sourceFeed, scope, DEFAULT_MAX_BYTES);
    }

    /** Returns a parser like {@link #UpdateInfoParser(String, String, Scope)} reading at most {@code maxBytes}. */
    public UpdateInfoParser(String release, String sourceFeed, Scope scope, long maxBytes) {
        this(release, sourceFeed, scope, maxBytes, Cancellation.never());
    }

    /**
     * Returns a parser like {@link #UpdateInfoParser(String, String, Scope, long)} that gives up between two errata
     * as {@link FeedException.Kind#CANCELLED} once {@code cancellation} is cancelled.
     */
    public UpdateInfoParser(String release, String sourceFeed, Scope scope, long maxBytes,
            Cancellation cancellation) {
        requireText(release, "release");
        requireText(sourceFeed, "sourceFeed");
        Objects.requireNonNull(scope, "scope");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.mapper = new ErratumMapper(release, sourceFeed, scope);
        this.maxBytes = maxBytes;
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    }

    /**
     * Reads the errata of {@code in}, hands each advisory to {@code sink}, and returns what became of them all.
     *
     * @param in       the file as fetched, possibly compressed; not closed here
     * @param source   the URL or path of the file, named in errors
     * @param expected the file's entry in a verified repomd.xml, or null to skip the size and checksum checks
     * @throws FeedException {@code MALFORMED} when the file is not an updateinfo document, {@code CHECKSUM} when it
     *                       differs from {@code expected}, {@code TOO_LARGE} past the byte limit
     */
    public UpdateInfo.Report read(InputStream in, String source, RepoMd.Data expected,
            Consumer<? super AdvisoryData> sink) throws FeedException {
        return MetadataInput.read(in, source, expected, maxBytes, reader -> readUpdates(reader, source, sink));
    }

    /** Returns the advisories of {@code in} and the report, once the whole file has been checked. */
    public UpdateInfo readAll(InputStream in, String source, RepoMd.Data expected) throws FeedException {
        List<AdvisoryData> advisories = new ArrayList<>();
        UpdateInfo.Report report = read(in, source, expected, advisories::add);
        return new UpdateInfo(advisories, report);
    }

    /** Returns the advisories of the local {@code file}; see {@link #readAll(InputStream, String, RepoMd.Data)}. */
    public UpdateInfo readAll(Path file, RepoMd.Data expected) throws FeedException {
        try (InputStream in = Files.newInputStream(file)) {
            return readAll(in, file.toString(), expected);
        } catch (IOException e) {
            throw new FeedException(FeedException.Kind.FETCH, file.toString(), "cannot read: " + e, e);
        }
    }

    private UpdateInfo.Report readUpdates(XMLStreamReader reader, String source, Consumer<? super AdvisoryData> sink)
            throws XMLStreamException, FeedException {
        String root = Elements.root(reader);
        if (!root.equals("updates")) {
            throw new FeedException(FeedException.Kind.MALFORMED, source,
                    "root element is <" + root + ">, expected <updates>");
        }
        int position = 0;
        int advisories = 0;
        int outOfScope = 0;
        List<UpdateInfo.Skipped> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (Elements.nextChild(reader)) {
            if (!reader.getLocalName().equals("update")) {
                Elements.skip(reader);
                continue;
            }
            cancellation.throwIfCancelled(source);
            position++;
            Erratum erratum = readUpdate(reader);
            if (!mapper.inScope(erratum)) {
                outOfScope++;
                continue;
            }
            try {
                AdvisoryData advisory = mapper.toAdvisory(erratum);
                if (!seen.add(advisory.advisoryId())) {
                    throw new ErratumMapper.UnmappableException("id seen before in this file; the first was kept");
                }
                sink.accept(advisory);
                advisories++;
            } catch (ErratumMapper.UnmappableException e) {
                skipped.add(new UpdateInfo.Skipped(position, erratum.id(), e.getMessage()));
            }
        }
        return new UpdateInfo.Report(advisories, outOfScope, skipped);
    }

    private static Erratum readUpdate(XMLStreamReader reader) throws XMLStreamException {
        String type = Elements.attribute(reader, "type");
        String id = null;
        String severity = null;
        String issued = null;
        String updated = null;
        List<Erratum.Reference> references = new ArrayList<>();
        List<Erratum.Package> packages = new ArrayList<>();
        while (Elements.nextChild(reader)) {
            switch (reader.getLocalName()) {
                case "id" -> id = Elements.text(reader);
                case "severity" -> severity = Elements.text(reader);
                case "issued" -> issued = readDate(reader);
                case "updated" -> updated = readDate(reader);
                case "references" -> readReferences(reader, references);
                case "pkglist" -> readPkglist(reader, packages);
                default -> Elements.skip(reader);
            }
        }
        return new Erratum(id, type, severity, issued, updated, references, packages);
    }

    /** Returns the {@code date} attribute, or the element's text when it has none. */
    private static String readDate(XMLStreamReader reader) throws XMLStreamException {
        String attribute = Elements.attribute(reader, "date");
        String text = Elements.text(reader);
        if (attribute != null) {
            return attribute;
        }
        return text.isEmpty() ? null : text;
    }

    private static void readReferences(XMLStreamReader reader, List<Erratum.Reference> into)
            throws XMLStreamException {
        while (Elements.nextChild(reader)) {
            if (reader.getLocalName().equals("reference")) {
                into.add(new Erratum.Reference(Elements.attribute(reader, "type"), Elements.attribute(reader, "id"),
                        Elements.attribute(reader, "title"), Elements.attribute(reader, "href")));
            }
            Elements.skip(reader);
        }
    }

    private static void readPkglist(XMLStreamReader reader, List<Erratum.Package> into) throws XMLStreamException {
        while (Elements.nextChild(reader)) {
            if (!reader.getLocalName().equals("collection")) {
                Elements.skip(reader);
                continue;
            }
            // A collection's <module> element says which stream its packages belong to; see the TODO in
            // ErratumMapper about why that is not kept.
            while (Elements.nextChild(reader)) {
                if (reader.getLocalName().equals("package")) {
                    into.add(readPackage(reader));
                } else {
                    Elements.skip(reader);
                }
            }
        }
    }

    private static Erratum.Package readPackage(XMLStreamReader reader) throws XMLStreamException {
        String name = Elements.attribute(reader, "name");
        String epoch = Elements.attribute(reader, "epoch");
        String version = Elements.attribute(reader, "version");
        String release = Elements.attribute(reader, "release");
        String arch = Elements.attribute(reader, "arch");
        String src = Elements.attribute(reader, "src");
        String filename = null;
        while (Elements.nextChild(reader)) {
            if (reader.getLocalName().equals("filename")) {
                filename = Elements.text(reader);
            } else {
                Elements.skip(reader);
            }
        }
        return new Erratum.Package(name, epoch, version, release, arch, src, filename);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was " + value);
        }
    }
}
