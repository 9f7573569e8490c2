package dev.goldsmith.builders.qa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.impact.ImpactIndex;

/**
 * Reads the shared fixtures (real Debian package lists and OSV advisories) into the catalog's types. The feeds
 * module has the real readers, but builders may not use it; these read only the fields the QA tests need.
 */
final class Fixtures {

    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UBUNTU = Pattern.compile("Ubuntu:(?:Pro:)?(\\d\\d\\.\\d\\d)(?::LTS)?");
    private static final Pattern ALMALINUX = Pattern.compile("AlmaLinux:(\\d+)");

    private Fixtures() {
    }

    /** Returns the fixtures directory, as surefire names it, else {@code ../shared/fixtures} beside the checkout. */
    static Path directory() {
        String configured = System.getProperty("goldsmith.fixtures");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return repositoryRoot().resolve("../shared/fixtures").normalize();
    }

    /** Returns the checkout's root: the nearest directory up from here that has the reactor's config folder. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("config/qa"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no config/qa above " + Path.of("").toAbsolutePath());
    }

    /** Returns a manifest of {@code image} in {@code distro} holding {@code packages}, its artifact {@code size}. */
    static Manifest manifest(String image, String distro, long size, List<InstalledPackage> packages) {
        return new Manifest(image, ImageVersionId.parse("2026.12.03.1"), distro, "1.0.0", packages,
                new Manifest.Artifact("/var/lib/goldsmith/images/" + image + ".qcow2", "qcow2", SHA, size), "local",
                List.of(new Manifest.Step("provision", Duration.ofSeconds(40))), List.of(),
                Instant.parse("2026-12-03T10:00:00Z"));
    }

    /** One stanza of a Debian {@code Packages} index, by field. */
    record Stanza(String name, String version, String architecture, String source, String sourceVersion) {
    }

    /** Returns the stanzas of a Debian {@code Packages} file under {@code apt/}, the first of each name. */
    static List<Stanza> debianPackages(String fileName) {
        String text = read(directory().resolve("apt").resolve(fileName));
        Map<String, Stanza> byName = new LinkedHashMap<>();
        for (String block : text.split("\n\n")) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : block.split("\n")) {
                int colon = line.indexOf(':');
                if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
            if (!fields.containsKey("Package")) {
                continue;
            }
            String version = fields.get("Version");
            String source = fields.getOrDefault("Source", fields.get("Package"));
            String sourceVersion = version;
            Matcher m = Pattern.compile("(\\S+) \\((\\S+)\\)").matcher(source);
            if (m.matches()) {
                source = m.group(1);
                sourceVersion = m.group(2);
            }
            byName.putIfAbsent(fields.get("Package"), new Stanza(fields.get("Package"), version,
                    fields.get("Architecture"), source, sourceVersion));
        }
        return new ArrayList<>(byName.values());
    }

    static List<InstalledPackage> installed(List<Stanza> stanzas) {
        return stanzas.stream().map(s -> new InstalledPackage(s.name(), s.version(), s.architecture(), s.source()))
                .toList();
    }

    static List<PackageData> published(String repository, String distro, List<Stanza> stanzas) {
        return stanzas.stream().map(s -> new PackageData(repository, distro, s.name(), s.version(),
                s.architecture(), s.source(), s.sourceVersion(),
                new PackageData.PackageFile("pool/" + s.name() + ".deb", 1, SHA))).toList();
    }

    /**
     * Returns the OSV advisories in {@code osv/<folder>}, each with its affected ranges of the AlmaLinux and
     * Ubuntu ecosystems.
     */
    static List<AdvisoryData> osvAdvisories(String folder) {
        List<AdvisoryData> advisories = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory().resolve("osv").resolve(folder))) {
            for (Path file : files.sorted().toList()) {
                advisories.add(osv(JSON.readTree(read(file)), file.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return advisories;
    }

    private static AdvisoryData osv(JsonNode doc, String source) {
        List<AdvisoryData.AffectedPackage> affected = new ArrayList<>();
        for (JsonNode entry : doc.path("affected")) {
            String release = release(entry.path("package").path("ecosystem").asText());
            if (release == null) {
                continue;
            }
            for (JsonNode range : entry.path("ranges")) {
                if (!range.path("type").asText().equals("ECOSYSTEM")) {
                    continue;
                }
                String introduced = null;
                String fixed = null;
                for (JsonNode event : range.path("events")) {
                    introduced = event.has("introduced") ? event.get("introduced").asText() : introduced;
                    fixed = event.has("fixed") ? event.get("fixed").asText() : fixed;
                }
                affected.add(new AdvisoryData.AffectedPackage(release, entry.path("package").path("name").asText(),
                        ImpactIndex.schemeOf(release), introduced, fixed, null));
            }
        }
        List<String> aliases = new ArrayList<>();
        for (String field : List.of("aliases", "related", "upstream")) {
            doc.path(field).forEach(a -> {
                String id = a.asText().replace("UBUNTU-", "");
                if (id.startsWith("CVE-") && !aliases.contains(id)) {
                    aliases.add(id);
                }
            });
        }
        return new AdvisoryData(doc.path("id").asText(), aliases, Severity.UNKNOWN,
                Instant.parse(doc.path("published").asText()), Instant.parse(doc.path("modified").asText()),
                "osv-fixture " + source, affected);
    }

    private static String release(String ecosystem) {
        Matcher m = UBUNTU.matcher(ecosystem);
        if (m.matches()) {
            return "ubuntu-" + m.group(1);
        }
        m = ALMALINUX.matcher(ecosystem);
        return m.matches() ? "almalinux-" + m.group(1) : null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
