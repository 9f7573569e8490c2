package dev.goldsmith.feeds.advisory.osv;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.AdvisoryData.AffectedPackage;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.advisory.DocumentResult;
import dev.goldsmith.feeds.advisory.JsonDocument;
import dev.goldsmith.feeds.advisory.Omission;
import dev.goldsmith.feeds.advisory.OmissionTally;
import dev.goldsmith.feeds.advisory.Severities;

/**
 * Maps one OSV record (schema 1.x) to an {@link AdvisoryData}.
 *
 * <ul>
 *   <li>{@code id}, {@code modified} are required. {@code published} is optional in OSV and defaults to
 *       {@code modified}, the earliest time the record is known to have existed. A record with
 *       {@code withdrawn} yields no advisory and is counted as {@link Omission.Reason#WITHDRAWN}.</li>
 *   <li>Aliases are {@code aliases} as they stand, plus the CVE ids among {@code upstream}, {@code related} and
 *       Ubuntu's {@code database_specific.cves_map}; an upstream id such as {@code UBUNTU-CVE-2014-0472} counts
 *       as {@code CVE-2014-0472}. Strictly a distribution advisory is not an alias of the CVEs it fixes, but
 *       those CVEs are what subscribers are told about, and the event has no other place for them. CVE ids come
 *       first, the record's own id is left out.</li>
 *   <li>Severity is the worst rating word the publisher states ({@code Ubuntu} severity entries, Ubuntu's
 *       {@code ecosystem_specific.ubuntu_priority}, a {@code database_specific.severity}, or the
 *       {@code Important: …} prefix of an AlmaLinux or Rocky summary); failing that, the worst band of the
 *       {@code CVSS_V3} vectors; failing that, unknown. The distribution's word comes first because it rates the
 *       package as the distribution builds it. CVSS v2 and v4 vectors are not scored.</li>
 *   <li>Each {@code ECOSYSTEM} range becomes one affected package per introduced event, ending at the following
 *       {@code fixed} or {@code last_affected} event, or open (no fix yet) if none follows. {@code introduced: 0}
 *       becomes a null {@code introduced}. Events must be in version order, as the schema recommends; this
 *       reader cannot sort them without the distribution's version ordering, so it rejects other orders, other
 *       range types and {@code limit} events as unsupported rather than guess.</li>
 *   <li>{@code versions} are read only for an affected entry without ranges, each listed version becoming
 *       {@code introduced = lastAffected = version}. Next to ranges they enumerate the same versions (Ubuntu and
 *       osv.dev generate them from the ranges) and add nothing.</li>
 *   <li>{@code ecosystem_specific.binaries} and purls are not read: the source package name is what OSV names,
 *       and it is what image manifests record as the source of each binary.</li>
 * </ul>
 *
 * <p>An ecosystem that {@link OsvEcosystems} does not map fails the record as {@code UNSUPPORTED}; a broken
 * record as {@code MALFORMED}. Instances are stateless and thread-safe.
 */
public final class OsvParser {

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    private static final Pattern UPSTREAM_CVE = Pattern.compile("(?:[A-Z][A-Za-z0-9]*-)?(CVE-\\d{4}-\\d{4,})");
    private static final Pattern RATED_SUMMARY = Pattern.compile("(Critical|Important|Moderate|Low): .*",
            Pattern.DOTALL);

    private final String sourceFeed;

    /** Creates a parser for the records of {@code sourceFeed}, the name each advisory will carry. */
    public OsvParser(String sourceFeed) {
        this.sourceFeed = Objects.requireNonNull(sourceFeed, "sourceFeed");
        if (sourceFeed.isBlank()) {
            throw new IllegalArgumentException("sourceFeed must not be blank");
        }
    }

    /**
     * Returns the advisory the record states, or none with the reason, for a record read from {@code source}.
     *
     * @throws FeedException MALFORMED when the record breaks the schema, UNSUPPORTED when it uses an ecosystem,
     *                       range type or event Goldsmith does not read
     */
    public DocumentResult parse(JsonNode root, String source) throws FeedException {
        JsonDocument doc = new JsonDocument(root, source, sourceFeed);
        if (!root.isObject()) {
            throw doc.malformed("an OSV record must be a JSON object, was " + root.getNodeType());
        }
        checkSchemaVersion(doc);
        String id = doc.text(root, "id", "id");
        Instant modified = doc.instant(root, "modified", "modified");
        Instant published = doc.optionalInstant(root, "published", "published");
        OmissionTally omitted = new OmissionTally();
        if (doc.optionalInstant(root, "withdrawn", "withdrawn") != null) {
            omitted.add(Omission.Reason.WITHDRAWN, id);
            return new DocumentResult(null, omitted.toList(source, id));
        }

        List<AffectedPackage> affected = affected(doc);
        if (affected.isEmpty()) {
            omitted.add(Omission.Reason.NO_AFFECTED_PACKAGES, id);
            return new DocumentResult(null, omitted.toList(source, id));
        }
        try {
            AdvisoryData advisory = new AdvisoryData(id, aliases(doc, id), severity(doc),
                    published == null ? modified : published, modified, sourceFeed, affected);
            return new DocumentResult(advisory, omitted.toList(source, id));
        } catch (IllegalArgumentException e) {
            throw doc.malformed(e.getMessage());
        }
    }

    private static void checkSchemaVersion(JsonDocument doc) throws FeedException {
        String version = doc.optionalText(doc.root(), "schema_version", "schema_version");
        if (version != null && !version.startsWith("1.")) {
            throw doc.unsupported("schema_version " + version + " is not 1.x");
        }
    }

    private static List<AffectedPackage> affected(JsonDocument doc) throws FeedException {
        Set<AffectedPackage> result = new LinkedHashSet<>();
        JsonNode entries = doc.optionalArray(doc.root(), "affected", "affected");
        for (int i = 0; i < entries.size(); i++) {
            String path = "affected[" + i + "]";
            JsonNode entry = entries.get(i);
            if (!entry.isObject()) {
                throw doc.malformed(path + " must be an object, was " + entry.getNodeType());
            }
            JsonNode pkg = doc.object(entry, "package", path + ".package");
            String ecosystem = doc.text(pkg, "ecosystem", path + ".package.ecosystem");
            String name = doc.text(pkg, "name", path + ".package.name");
            OsvEcosystems.Release release = OsvEcosystems.release(ecosystem).orElseThrow(() -> doc.unsupported(
                    "ecosystem '" + ecosystem + "' of " + path + " (package " + name + ") is not one Goldsmith"
                            + " reads"));

            JsonNode ranges = doc.optionalArray(entry, "ranges", path + ".ranges");
            for (int j = 0; j < ranges.size(); j++) {
                readRange(doc, ranges.get(j), path + ".ranges[" + j + "]", release, name, result);
            }
            if (ranges.isEmpty()) {
                JsonNode versions = doc.optionalArray(entry, "versions", path + ".versions");
                for (int j = 0; j < versions.size(); j++) {
                    String version = doc.textOf(versions.get(j), path + ".versions[" + j + "]");
                    result.add(new AffectedPackage(release.name(), name, release.scheme(), version, null,
                            version));
                }
            }
        }
        return new ArrayList<>(result);
    }

    private static void readRange(JsonDocument doc, JsonNode range, String path, OsvEcosystems.Release release,
            String name, Set<AffectedPackage> result) throws FeedException {
        if (!range.isObject()) {
            throw doc.malformed(path + " must be an object, was " + range.getNodeType());
        }
        String type = doc.text(range, "type", path + ".type");
        if (!type.equals("ECOSYSTEM")) {
            throw doc.unsupported(path + " is a " + type + " range; only ECOSYSTEM ranges are read");
        }
        JsonNode events = doc.optionalArray(range, "events", path + ".events");
        boolean open = false;
        boolean introducedSeen = false;
        String introduced = null;
        for (int k = 0; k < events.size(); k++) {
            String eventPath = path + ".events[" + k + "]";
            JsonNode event = events.get(k);
            if (!event.isObject() || event.size() != 1) {
                throw doc.malformed(eventPath + " must hold exactly one of introduced, fixed, last_affected and"
                        + " limit");
            }
            String kind = event.fieldNames().next();
            String version = doc.text(event, kind, eventPath + "." + kind);
            switch (kind) {
                case "introduced" -> {
                    if (open) {
                        throw doc.unsupported(eventPath + " introduces " + version + " before the range opened"
                                + " earlier has ended; events must be in version order");
                    }
                    open = true;
                    introducedSeen = true;
                    introduced = version.equals("0") ? null : version;
                }
                case "fixed", "last_affected" -> {
                    if (!open) {
                        throw doc.unsupported(eventPath + " ends a range at " + version + " that no introduced"
                                + " event opened; events must be in version order");
                    }
                    boolean fixed = kind.equals("fixed");
                    result.add(new AffectedPackage(release.name(), name, release.scheme(), introduced,
                            fixed ? version : null, fixed ? null : version));
                    open = false;
                }
                case "limit" -> throw doc.unsupported(eventPath + " is a limit event, which is not read for"
                        + " ECOSYSTEM ranges");
                default -> throw doc.malformed(eventPath + " is an unknown event '" + kind + "'");
            }
        }
        if (!introducedSeen) {
            throw doc.malformed(path + " has no introduced event");
        }
        if (open) {
            result.add(new AffectedPackage(release.name(), name, release.scheme(), introduced, null, null));
        }
    }

    private static List<String> aliases(JsonDocument doc, String id) throws FeedException {
        Set<String> cves = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        JsonNode root = doc.root();
        JsonNode aliases = doc.optionalArray(root, "aliases", "aliases");
        for (int i = 0; i < aliases.size(); i++) {
            String alias = doc.textOf(aliases.get(i), "aliases[" + i + "]");
            (CVE.matcher(alias).matches() ? cves : others).add(alias);
        }
        for (String field : List.of("upstream", "related")) {
            JsonNode ids = doc.optionalArray(root, field, field);
            for (int i = 0; i < ids.size(); i++) {
                Matcher m = UPSTREAM_CVE.matcher(doc.textOf(ids.get(i), field + "[" + i + "]"));
                if (m.matches()) {
                    cves.add(m.group(1));
                }
            }
        }
        JsonNode affected = doc.optionalArray(root, "affected", "affected");
        for (int i = 0; i < affected.size(); i++) {
            JsonNode mapped = affected.get(i).path("database_specific").path("cves_map").path("cves");
            for (int j = 0; j < mapped.size(); j++) {
                String cve = doc.textOf(mapped.get(j), "affected[" + i + "].database_specific.cves_map.cves[" + j
                        + "]");
                if (CVE.matcher(cve).matches()) {
                    cves.add(cve);
                }
            }
        }
        List<String> result = new ArrayList<>(cves);
        result.addAll(others);
        result.remove(id);
        return result;
    }

    private static Severity severity(JsonDocument doc) throws FeedException {
        JsonNode root = doc.root();
        Ratings ratings = new Ratings();
        ratings.addEntries(doc, root, "severity");
        JsonNode affected = doc.optionalArray(root, "affected", "affected");
        for (int i = 0; i < affected.size(); i++) {
            ratings.addEntries(doc, affected.get(i), "affected[" + i + "].severity");
            ratings.addWord(affected.get(i).path("ecosystem_specific").path("ubuntu_priority").textValue());
        }
        ratings.addWord(root.path("database_specific").path("severity").textValue());
        String summary = doc.optionalText(root, "summary", "summary");
        Matcher m = RATED_SUMMARY.matcher(summary == null ? "" : summary);
        if (m.matches()) {
            ratings.addWord(m.group(1));
        }
        return ratings.stated != Severity.UNKNOWN ? ratings.stated : ratings.scored;
    }

    /** The worst rating word a record states, and apart from it the worst CVSS v3 band. */
    private static final class Ratings {
        private Severity stated = Severity.UNKNOWN;
        private Severity scored = Severity.UNKNOWN;

        void addWord(String word) {
            stated = Severities.worse(stated, Severities.ofWord(word).orElse(Severity.UNKNOWN));
        }

        void addEntries(JsonDocument doc, JsonNode parent, String path) throws FeedException {
            JsonNode entries = doc.optionalArray(parent, "severity", path);
            for (int i = 0; i < entries.size(); i++) {
                String entryPath = path + "[" + i + "]";
                String type = doc.text(entries.get(i), "type", entryPath + ".type");
                String score = doc.text(entries.get(i), "score", entryPath + ".score");
                if (type.equals("Ubuntu")) {
                    addWord(score);
                } else if (type.equals("CVSS_V3")) {
                    try {
                        scored = Severities.worse(scored, Severities.ofCvss3(score));
                    } catch (IllegalArgumentException e) {
                        throw doc.malformed(entryPath + ".score: " + e.getMessage());
                    }
                }
            }
        }
    }
}
