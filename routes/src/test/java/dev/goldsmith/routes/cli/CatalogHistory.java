package dev.goldsmith.routes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.event.QaResult;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.store.CatalogLayout;
import dev.goldsmith.catalog.store.CatalogStore;
import dev.goldsmith.catalog.store.GitStore;
import dev.goldsmith.feeds.advisory.AdvisoryReader;
import dev.goldsmith.feeds.apt.PackageStanza;
import dev.goldsmith.feeds.apt.PackagesParser;
import dev.goldsmith.feeds.snapshot.AdvisoryArchive;
import dev.goldsmith.feeds.snapshot.PackageEntry;
import dev.goldsmith.feeds.snapshot.PackageSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * A real catalog written through {@link CatalogStore} into {@code <dir>/state/git}, with a configuration pointing at
 * it and feed state beside it, for the operator's commands to read and change:
 * <ul>
 *   <li>{@code debian-12-web} (debian-12), made of real bookworm packages: 2026.12.01.1 stable (stable channel), and
 *       2026.12.03.1, rebuilt for imagemagick, QA passed but still testing.</li>
 *   <li>{@code alma-9-build} (almalinux-9): 2026.12.01.1 stable with maven, maven-lib and plexus-utils below the
 *       fixes of ALSA-2026:38500.</li>
 *   <li>{@code alma-9-java} (almalinux-9): 2026.12.01.1 stable with apache-commons-io below its fix in that
 *       advisory; 2026.12.02.1 failed its QA.</li>
 *   <li>{@code rhel-9-curl} (rhel-9): 2026.12.01.1 stable with curl and libcurl below the fix of CVE-2023-38545.</li>
 * </ul>
 * The feeds offer the fixed maven (not plexus-utils, not apache-commons-io) and the fixed curl, and the AlmaLinux 9
 * OSV feed's archive holds the real advisories. The RPM images hold real package names at versions below the fixes
 * the advisories name.
 */
final class CatalogHistory {

    static final Path FIXTURES = Path.of(System.getProperty("goldsmith.fixtures"));
    static final String WEB = "debian-12-web";
    static final String BUILD = "alma-9-build";
    static final String JAVA = "alma-9-java";
    static final String CURL = "rhel-9-curl";
    static final ImageVersionId V1 = ImageVersionId.parse("2026.12.01.1");
    static final ImageVersionId V2 = ImageVersionId.parse("2026.12.02.1");
    static final ImageVersionId V3 = ImageVersionId.parse("2026.12.03.1");
    static final String MAGICK = "imagemagick-6.q16hdri";
    static final String MAGICK_OLD = "8:6.9.11.60+dfsg-1.6+deb12u11";
    static final String MAGICK_NEW = "8:6.9.11.60+dfsg-1.6+deb12u16";
    /** Illustrative ids for the imagemagick rebuild's trigger; only the audit reads them. */
    static final String MAGICK_ADVISORY = "DSA-5970-1";
    static final String MAGICK_CVE = "CVE-2025-53014";
    static final String MAVEN_OLD = "1:3.6.3-14.module_el9.0.0+24+b6a2ac4d";
    static final String MAVEN_FIX = "1:3.9.9-13.module_el9.8.0+229+787fb9a7";
    static final String PLEXUS_OLD = "3.3.0-10.module_el9.0.0+24+b6a2ac4d";
    static final String PLEXUS_FIX = "3.5.1-17.module_el9.8.0+282+e62fc403.1";
    static final String IO_OLD = "1:2.8.0-14.module_el9.0.0+24+b6a2ac4d";
    static final String IO_FIX = "1:2.16.1-9.module_el9.6.0+148+fb6dc857";
    static final String CURL_OLD = "7.76.1-14.el9";
    static final String CURL_FIX = "7.76.1-26.el9_3.2";
    static final String PASSED_XML = "<testsuite name=\"base\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"0\">"
            + "<testcase name=\"boots\"/><testcase name=\"sshd-listens\"/></testsuite>";
    static final String FAILED_XML = "<testsuite name=\"base\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">"
            + "<testcase name=\"boots\"/><testcase name=\"sshd-listens\"><failure message=\"refused\"/></testcase>"
            + "</testsuite>";

    final Path dir;
    final Path state;
    final Path repository;
    final Path config;
    /** Packages of debian-12-web, as the first stanzas of bookworm's main index and imagemagick list them. */
    final List<InstalledPackage> webPackages;

    private CatalogHistory(Path dir, List<InstalledPackage> webPackages) {
        this.dir = dir;
        this.state = dir.resolve("state");
        this.repository = state.resolve("git");
        this.config = dir.resolve("goldsmith.yaml");
        this.webPackages = webPackages;
    }

    /** Writes the configuration, the history and the feed state under {@code dir}. */
    static CatalogHistory write(Path dir) throws Exception {
        CatalogHistory history = new CatalogHistory(dir, debianPackages());
        history.writeConfig("");
        history.writeHistory();
        history.writeFeeds();
        return history;
    }

    /** Returns a day of December 2026 at {@code hh:mm} UTC. */
    static Instant at(int day, int hour, int minute) {
        return Instant.parse(String.format("2026-12-%02dT%02d:%02d:00Z", day, hour, minute));
    }

    /** Rewrites the configuration with {@code gitSection} as the body of its {@code git} section. */
    void writeConfig(String gitSection) throws IOException {
        blueprint(WEB, "debian-12", MAGICK, "\n[goldsmith]\nchannels = [\"stable\", \"team-web\"]\n");
        blueprint(BUILD, "almalinux-9", "maven", "");
        blueprint(JAVA, "almalinux-9", "apache-commons-io", "");
        blueprint(CURL, "rhel-9", "curl", "");
        Files.writeString(config, """
                state-dir: state
                git:
                  author-email: goldsmith@example.org
                %s
                builders:
                  - {name: local, uri: "test:///default", capacity: 1}
                images:
                  - {name: debian-12-web, blueprint: blueprints/debian-12-web.toml}
                  - {name: alma-9-build, blueprint: blueprints/alma-9-build.toml}
                  - {name: alma-9-java, blueprint: blueprints/alma-9-java.toml}
                  - {name: rhel-9-curl, blueprint: blueprints/rhel-9-curl.toml}
                """.formatted(gitSection.indent(2).stripTrailing()));
    }

    private void blueprint(String image, String distro, String pkg, String goldsmith) throws IOException {
        Files.createDirectories(dir.resolve("blueprints"));
        Files.writeString(dir.resolve("blueprints/" + image + ".toml"), """
                name = "%s"
                description = "%s for the command line tests"
                version = "1.0.0"
                distro = "%s"

                [[packages]]
                name = "%s"
                version = "*"
                %s""".formatted(image, image, distro, pkg, goldsmith));
    }

    private void writeHistory() throws Exception {
        try (GitStore git = GitStore.open(repository, "main", "Goldsmith", "goldsmith@example.org")) {
            CatalogStore store = new CatalogStore(git);
            for (String image : List.of(WEB, BUILD, JAVA, CURL)) {
                store.importBlueprint(BlueprintReader.read(dir.resolve("blueprints/" + image + ".toml")),
                        at(1, 8, 0));
            }
            List<InstalledPackage> webV3 = new ArrayList<>(webPackages.stream()
                    .filter(p -> !p.name().equals(MAGICK)).toList());
            webV3.add(new InstalledPackage(MAGICK, MAGICK_NEW, "amd64", "imagemagick"));
            stable(store, WEB, "debian-12", V1, webPackages, List.of(), 1);
            built(store, WEB, "debian-12", V3, webV3, List.of(new Manifest.Trigger(MAGICK, MAGICK_OLD, MAGICK_NEW,
                    List.of(MAGICK_ADVISORY), List.of(MAGICK_CVE), null)), 3);
            store.recordQa(qa(WEB, V3, 0), PASSED_XML, at(3, 9, 40), null);

            stable(store, BUILD, "almalinux-9", V1, List.of(
                    rpm("maven", MAVEN_OLD, "maven"), rpm("maven-lib", MAVEN_OLD, "maven"),
                    rpm("plexus-utils", PLEXUS_OLD, "plexus-utils"), rpm("runc", "4:1.3.0-4.el9_7", "runc"),
                    rpm("libndp", "1.8-6.el9_4.alma.1", "libndp")), List.of(), 1);

            List<InstalledPackage> java = List.of(rpm("apache-commons-io", IO_OLD, "apache-commons-io"),
                    rpm("libndp", "1.8-6.el9_4.alma.1", "libndp"));
            stable(store, JAVA, "almalinux-9", V1, java, List.of(), 1);
            built(store, JAVA, "almalinux-9", V2, java, List.of(new Manifest.Trigger("libndp", null,
                    "1.8-6.el9_4.alma.1", List.of(), List.of(), "blueprint changed")), 2);
            store.recordQa(qa(JAVA, V2, 1), FAILED_XML, at(2, 9, 40), LifecycleState.FAILED);

            stable(store, CURL, "rhel-9", V1, List.of(rpm("curl", CURL_OLD, "curl"),
                    rpm("libcurl", CURL_OLD, "curl"), rpm("bash", "5.1.8-6.el9_1", "bash")), List.of(), 1);
        }
    }

    private static void stable(CatalogStore store, String image, String distro, ImageVersionId version,
            List<InstalledPackage> packages, List<Manifest.Trigger> triggers, int day) throws Exception {
        built(store, image, distro, version, packages, triggers, day);
        store.recordQa(qa(image, version, 0), PASSED_XML, at(day, 9, 40), LifecycleState.STABLE);
        ImageEntry entry = store.entry(image).orElseThrow();
        store.recordChannel(entry.point("stable", version).orElseThrow(), "policy promote-on-qa", at(day, 9, 41));
    }

    private static void built(CatalogStore store, String image, String distro, ImageVersionId version,
            List<InstalledPackage> packages, List<Manifest.Trigger> triggers, int day) throws Exception {
        String artifact = "/var/lib/goldsmith/images/" + image + "/" + version + ".qcow2";
        Manifest manifest = new Manifest(image, version, distro, "1.0.0", packages,
                new Manifest.Artifact(artifact, "qcow2", sha256(artifact), 734_003_200L), "local",
                List.of(new Manifest.Step("provision", Duration.ofMinutes(18))), triggers, at(day, 9, 20));
        store.recordBuild(manifest, at(day, 9, 0));
        ImageEntry entry = store.entry(image).orElseThrow();
        store.recordTransition(entry.transition(version, LifecycleState.TESTING, at(day, 9, 21), "QA started"),
                "policy qa");
    }

    private static QaResult qa(String image, ImageVersionId version, int failures) {
        return new QaResult(image, version.toString(), "base", 2, failures, 0, 0, CatalogLayout.qa(image, version),
                null);
    }

    private static InstalledPackage rpm(String name, String version, String source) {
        return new InstalledPackage(name, version, "x86_64", source);
    }

    /** Returns the first 25 packages of bookworm's main index and the imagemagick library, as installed. */
    private static List<InstalledPackage> debianPackages() throws Exception {
        List<InstalledPackage> packages = new ArrayList<>();
        Path index = FIXTURES.resolve("apt/Packages.bookworm-main-amd64.2000-stanzas.txt");
        try (InputStream in = Files.newInputStream(index)) {
            PackagesParser.parse(in, index.toString(), stanza -> {
                if (packages.size() < 25 || stanza.name().equals(MAGICK)) {
                    packages.add(installed(stanza));
                }
            });
        }
        assertEquals(MAGICK_OLD, packages.stream().filter(p -> p.name().equals(MAGICK)).findFirst().orElseThrow()
                .version(), "the fixture index changed");
        return packages;
    }

    private static InstalledPackage installed(PackageStanza stanza) {
        return new InstalledPackage(stanza.name(), stanza.version(), stanza.architecture(), stanza.sourceName());
    }

    /** Writes what the feeds last saw: package snapshots and the AlmaLinux 9 OSV archive. */
    private void writeFeeds() throws Exception {
        Path feeds = state.resolve("feeds");
        PackageSnapshot.of("almalinux-9", List.of(
                new PackageEntry("maven", MAVEN_FIX, "noarch", "maven", MAVEN_FIX),
                new PackageEntry("maven-lib", MAVEN_FIX, "noarch", "maven", MAVEN_FIX),
                new PackageEntry("plexus-utils", PLEXUS_OLD, "noarch", "plexus-utils", PLEXUS_OLD),
                new PackageEntry("runc", "4:1.3.0-4.el9_7", "x86_64", "runc", "4:1.3.0-4.el9_7")))
                .write(Files.createDirectories(feeds.resolve("alma-9-appstream")).resolve("packages.snapshot.gz"));
        PackageSnapshot.of("rhel-9", List.of(
                new PackageEntry("curl", CURL_FIX, "x86_64", "curl", CURL_FIX),
                new PackageEntry("libcurl", CURL_FIX, "x86_64", "curl", CURL_FIX)))
                .write(Files.createDirectories(feeds.resolve("rhel-9-baseos")).resolve("packages.snapshot.gz"));
        AdvisoryArchive.write(Files.createDirectories(feeds.resolve("osv-alma")).resolve(AdvisoryArchive.FILE),
                new AdvisoryReader("osv-alma").readAdvisories(FIXTURES.resolve("osv/almalinux/almalinux9")));
    }

    /** Returns every file under the state directory with the sha256 of its content, to show nothing changed. */
    Map<String, String> stateFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(state)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(state.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs real git in {@code repo} and returns its standard output; fails on a non-zero exit. */
    static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        builder.environment().put("TZ", "UTC");
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /** What one run of a command printed, and its exit code. */
    record Run(int exit, String out, String err) {
    }

    /** Runs {@code command} through picocli with {@code args} and returns what it printed. */
    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
