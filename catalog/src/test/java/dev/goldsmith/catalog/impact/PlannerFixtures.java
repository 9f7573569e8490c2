package dev.goldsmith.catalog.impact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.version.VersionScheme;

/**
 * Real facts for the planner tests, read from the shared fixtures: Debian package stanzas of bookworm and
 * bookworm-security, and AlmaLinux OSV advisories. The readers here are deliberately small: they take only the fields
 * the planner needs, from files whose shape the feed parsers' own tests pin down.
 */
final class PlannerFixtures {

    static final String BOOKWORM = "apt/Packages.bookworm-main-amd64.2000-stanzas.txt";
    static final String BOOKWORM_SECURITY = "apt/Packages.bookworm-security-main-amd64.300-stanzas.txt";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private PlannerFixtures() {
    }

    /** Returns the fixture directory named by system property goldsmith.fixtures. */
    static Path root() {
        String dir = System.getProperty("goldsmith.fixtures");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("system property goldsmith.fixtures must name the fixture directory, was "
                    + dir);
        }
        return Path.of(dir);
    }

    /** One stanza of a Debian {@code Packages} index, the fields a package fact carries. */
    record Stanza(String name, String version, String architecture, String source, String sourceVersion,
            String filename, long size, String sha256) {

        /** Returns the package as a build would find it installed. */
        InstalledPackage installed() {
            return new InstalledPackage(name, version, architecture, source);
        }

        /** Returns the fact that the repository {@code repositoryId} publishes this stanza's version. */
        PackageData published(String repositoryId) {
            return new PackageData(repositoryId, "debian-12", name, version, architecture, source, sourceVersion,
                    new PackageData.PackageFile(filename, size, sha256));
        }
    }

    /** Returns the stanzas of a {@code Packages} excerpt under {@code apt/}, by package name. */
    static Map<String, Stanza> stanzas(String relative) throws IOException {
        Map<String, Stanza> byName = new LinkedHashMap<>();
        String text = Files.readString(root().resolve(relative), StandardCharsets.UTF_8);
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
            int paren = source.indexOf(" (");
            if (paren > 0) {
                sourceVersion = source.substring(paren + 2, source.length() - 1);
                source = source.substring(0, paren);
            }
            byName.put(fields.get("Package"), new Stanza(fields.get("Package"), version, fields.get("Architecture"),
                    source, sourceVersion, fields.get("Filename"), Long.parseLong(fields.get("Size")),
                    fields.get("SHA256")));
        }
        return byName;
    }

    /** Returns the stanzas called {@code names}, failing when the excerpt lacks one. */
    static List<Stanza> pick(Map<String, Stanza> stanzas, String... names) {
        List<Stanza> picked = new ArrayList<>();
        for (String name : names) {
            Stanza stanza = stanzas.get(name);
            if (stanza == null) {
                throw new IllegalArgumentException("no stanza of " + name + " in the excerpt");
            }
            picked.add(stanza);
        }
        return picked;
    }

    /** Returns the JSON of an AlmaLinux OSV advisory under {@code osv/almalinux/}, for a test to change. */
    static ObjectNode osvTree(String relative) throws IOException {
        return (ObjectNode) JSON.readTree(root().resolve("osv/almalinux").resolve(relative).toFile());
    }

    /** Returns an AlmaLinux OSV advisory under {@code osv/almalinux/}, such as {@code almalinux9/ALSA-2026:0793.json}.
     */
    static AdvisoryData alma(String relative) throws IOException {
        return alma(osvTree(relative));
    }

    /**
     * Returns the advisory an AlmaLinux OSV document states: its CVEs from {@code related}, the severity from the word
     * that opens its summary, one affected package per range from {@code introduced} ("0" for every version) to
     * {@code fixed}.
     */
    static AdvisoryData alma(JsonNode doc) {
        List<String> cves = new ArrayList<>(new TreeSet<>(texts(doc.path("related"))));
        String word = doc.path("summary").asText().split(":", 2)[0].strip().toLowerCase(Locale.ROOT);
        Severity severity = switch (word) {
            case "critical" -> Severity.CRITICAL;
            case "important" -> Severity.HIGH;
            case "moderate" -> Severity.MEDIUM;
            case "low" -> Severity.LOW;
            default -> Severity.UNKNOWN;
        };
        List<AdvisoryData.AffectedPackage> affected = new ArrayList<>();
        for (JsonNode entry : doc.path("affected")) {
            String release = "almalinux-" + entry.path("package").path("ecosystem").asText().split(":")[1];
            String name = entry.path("package").path("name").asText();
            for (JsonNode range : entry.path("ranges")) {
                String introduced = null;
                String fixed = null;
                for (JsonNode event : range.path("events")) {
                    if (event.has("introduced")) {
                        introduced = event.get("introduced").asText().equals("0") ? null
                                : event.get("introduced").asText();
                    } else if (event.has("fixed")) {
                        fixed = event.get("fixed").asText();
                    }
                }
                affected.add(new AdvisoryData.AffectedPackage(release, name, VersionScheme.RPM, introduced, fixed,
                        null));
            }
        }
        return new AdvisoryData(doc.path("id").asText(), cves, severity, Instant.parse(doc.path("published").asText()),
                Instant.parse(doc.path("modified").asText()), "alma-osv", affected);
    }

    /** Returns the fixed version an advisory names for {@code packageName}. */
    static String fixedVersion(AdvisoryData advisory, String packageName) {
        return advisory.affected().stream().filter(a -> a.packageName().equals(packageName)).findFirst()
                .orElseThrow().fixed();
    }

    /** Returns the fact that the AlmaLinux repository publishes {@code name} at {@code version}. */
    static PackageData almaPublished(String distro, String name, String version) {
        return new PackageData("alma-baseos", distro, name, version, "x86_64", name, version,
                new PackageData.PackageFile("BaseOS/x86_64/os/Packages/" + name + "-" + version + ".x86_64.rpm",
                        1, SHA));
    }

    /** Returns a manifest of {@code image} at {@code version} holding {@code packages}. */
    static Manifest manifest(String image, String version, String distro, List<InstalledPackage> packages) {
        return new Manifest(image, ImageVersionId.parse(version), distro, "0.0.1", packages,
                new Manifest.Artifact("/images/" + image + ".qcow2", "qcow2", SHA, 1), "local",
                List.of(new Manifest.Step("provision", Duration.ofSeconds(1))), List.of(),
                Instant.parse("2026-12-01T00:00:00Z"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    /** The catalog as a plain map: the current manifest and the parent of each image. */
    static final class Catalog implements LiveImages {
        private final Map<String, Manifest> current = new TreeMap<>();
        private final Map<String, String> parents = new TreeMap<>();

        /** Makes {@code manifest} its image's current version. */
        Catalog put(Manifest manifest) {
            current.put(manifest.image(), manifest);
            return this;
        }

        /** Makes {@code manifest} its image's current version, derived from {@code parent}. */
        Catalog put(Manifest manifest, String parent) {
            parents.put(manifest.image(), parent);
            return put(manifest);
        }

        @Override
        public Set<String> images() {
            return current.keySet();
        }

        @Override
        public Optional<Manifest> current(String image) {
            return Optional.ofNullable(current.get(image));
        }

        @Override
        public Optional<String> parent(String image) {
            return Optional.ofNullable(parents.get(image));
        }
    }
}
