package dev.goldsmith.feeds.rpm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.AdvisoryData.AffectedPackage;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.version.VersionScheme;

/** Turns an {@link Erratum} into the advisory model; the rules are described on {@link UpdateInfoParser}. */
final class ErratumMapper {

    private static final Pattern CVE = Pattern.compile("\\bCVE-\\d{4}-\\d{4,}\\b", Pattern.CASE_INSENSITIVE);
    private static final Set<String> SOURCE_ARCHES = Set.of("src", "nosrc");

    private final String release;
    private final String sourceFeed;
    private final UpdateInfoParser.Scope scope;

    ErratumMapper(String release, String sourceFeed, UpdateInfoParser.Scope scope) {
        this.release = release;
        this.sourceFeed = sourceFeed;
        this.scope = scope;
    }

    /** Thrown when an erratum in scope cannot become an advisory; the message says why. */
    static final class UnmappableException extends Exception {

        private static final long serialVersionUID = 1L;

        UnmappableException(String reason) {
            super(reason);
        }
    }

    /** Returns whether the erratum's type is one the scope maps. */
    boolean inScope(Erratum erratum) {
        return scope == UpdateInfoParser.Scope.ALL || isSecurity(erratum);
    }

    /** Returns the erratum as an advisory, or fails saying why it cannot be one. */
    AdvisoryData toAdvisory(Erratum erratum) throws UnmappableException {
        String id = erratum.id() == null ? "" : erratum.id().strip();
        if (id.isEmpty()) {
            throw new UnmappableException("update has no <id>");
        }
        Instant issued = ErrataDates.parse(erratum.issued());
        Instant updated = ErrataDates.parse(erratum.updated());
        // An unreadable issued date is not worth losing the advisory over; the update date stands in for it.
        Instant published = issued != null ? issued : updated;
        Instant modified = updated != null ? updated : issued;
        if (published == null) {
            throw new UnmappableException("has no readable date: issued " + quote(erratum.issued()) + ", updated "
                    + quote(erratum.updated()));
        }
        List<AffectedPackage> affected = affected(erratum.packages());
        if (affected.isEmpty()) {
            throw new UnmappableException("lists no binary packages");
        }
        return new AdvisoryData(id, aliases(erratum.references(), id), severity(erratum), published, modified,
                sourceFeed, affected);
    }

    private List<AffectedPackage> affected(List<Erratum.Package> packages) throws UnmappableException {
        // One entry per name and version: the arches of one build collapse into it.
        Map<String, AffectedPackage> byNameAndVersion = new LinkedHashMap<>();
        int position = 0;
        for (Erratum.Package p : packages) {
            position++;
            if (p.arch() != null && SOURCE_ARCHES.contains(p.arch().strip())) {
                continue;
            }
            if (blank(p.name()) || blank(p.version()) || blank(p.release())) {
                throw new UnmappableException("package " + position + " lacks its name, version or release");
            }
            Evr evr;
            try {
                evr = Evr.of(p.epoch(), p.version().strip(), p.release().strip());
            } catch (IllegalArgumentException e) {
                throw new UnmappableException("package " + position + " (" + p.name() + "): " + e.getMessage());
            }
            String name = p.name().strip();
            // TODO(rpm): a modular erratum can fix one name at different versions in different streams; the model
            //  has no stream, so each version stays a separate entry rather than one being picked.
            byNameAndVersion.putIfAbsent(name + " " + evr,
                    new AffectedPackage(release, name, VersionScheme.RPM, null, evr.toString(), null));
        }
        return new ArrayList<>(byNameAndVersion.values());
    }

    private Severity severity(Erratum erratum) {
        if (!isSecurity(erratum)) {
            return Severity.NONE;
        }
        String rating = erratum.severity() == null ? "" : erratum.severity().strip().toLowerCase(Locale.ROOT);
        return switch (rating) {
            case "critical" -> Severity.CRITICAL;
            case "important", "high" -> Severity.HIGH;
            case "moderate", "medium" -> Severity.MEDIUM;
            case "low" -> Severity.LOW;
            // "None" on a security erratum contradicts its type, so it says nothing either.
            default -> Severity.UNKNOWN;
        };
    }

    private static List<String> aliases(List<Erratum.Reference> references, String id) {
        Set<String> cves = new LinkedHashSet<>();
        for (Erratum.Reference reference : references) {
            boolean cveReference = "cve".equalsIgnoreCase(strip(reference.type()));
            collectCves(reference.id(), cves);
            collectCves(reference.title(), cves);
            if (cveReference) {
                collectCves(reference.href(), cves);
            }
        }
        cves.remove(id.toUpperCase(Locale.ROOT));
        return List.copyOf(cves);
    }

    private static void collectCves(String text, Set<String> into) {
        if (text != null) {
            Matcher m = CVE.matcher(text);
            while (m.find()) {
                into.add(m.group().toUpperCase(Locale.ROOT));
            }
        }
    }

    private static boolean isSecurity(Erratum erratum) {
        return "security".equalsIgnoreCase(strip(erratum.type()));
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String quote(String text) {
        return text == null ? "absent" : "'" + text + "'";
    }
}
