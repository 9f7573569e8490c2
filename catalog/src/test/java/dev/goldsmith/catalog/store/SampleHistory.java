package dev.goldsmith.catalog.store;

import static dev.goldsmith.catalog.event.LifecycleState.FAILED;
import static dev.goldsmith.catalog.event.LifecycleState.REVOKED;
import static dev.goldsmith.catalog.event.LifecycleState.STABLE;
import static dev.goldsmith.catalog.event.LifecycleState.TESTING;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.BlueprintException;
import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.event.QaResult;
import dev.goldsmith.catalog.image.FailedBuild;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.lifecycle.IllegalTransitionException;

/**
 * A real catalog history written through {@link CatalogStore}, shared by the store, loader and audit tests. Two
 * images meet DSA-5800-1 (CVE-2024-12797, CVE-2024-13176, openssl 3.0.15-1~deb12u1 → 3.0.16-1~deb12u1):
 * <ul>
 *   <li>{@code debian-12-minimal}: 2026.12.01.1 first build, stable; 2026.12.03.1 rebuilt for DSA-5800-1, stable;
 *       2026.12.01.1 revoked.</li>
 *   <li>{@code debian-12-web}: 2026.12.01.1 first build, stable; 2026.12.03.1 rebuilt for DSA-5800-1 but QA failed;
 *       2026.12.04.1 rebuilt again for DSA-5800-1 and an nginx update, stable.</li>
 * </ul>
 */
public final class SampleHistory {

    public static final String MINIMAL = "debian-12-minimal";
    public static final String WEB = "debian-12-web";
    public static final ImageVersionId V1 = ImageVersionId.parse("2026.12.01.1");
    public static final ImageVersionId V2 = ImageVersionId.parse("2026.12.03.1");
    public static final ImageVersionId V3 = ImageVersionId.parse("2026.12.04.1");
    public static final String DSA = "DSA-5800-1";
    public static final String CVE = "CVE-2024-12797";
    public static final String CVE2 = "CVE-2024-13176";
    public static final String OLD_SSL = "3.0.15-1~deb12u1";
    public static final String NEW_SSL = "3.0.16-1~deb12u1";
    public static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    public static final String PASSED_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="debian-base" tests="3" failures="0" errors="0" skipped="0">
              <testcase name="boots"/>
              <testcase name="sshd-listens"/>
              <testcase name="openssl-version"/>
            </testsuite>
            """;
    public static final String FAILED_XML = """
            <testsuite name="web" tests="3" failures="1" errors="0" skipped="0">
              <testcase name="boots"/>
              <testcase name="nginx-serves"><failure message="connection refused"/></testcase>
              <testcase name="openssl-version"/>
            </testsuite>
            """;

    private SampleHistory() {
    }

    /** Returns a day of December 2026 at {@code hh:mm} UTC. */
    public static Instant at(int day, int hour, int minute) {
        return Instant.parse(String.format("2026-12-%02dT%02d:%02d:00Z", day, hour, minute));
    }

    /** Returns the blueprint of {@code image}, with openssl pinned and openssh-server at any version. */
    public static Blueprint blueprint(String image) throws BlueprintException {
        return BlueprintReader.parse("""
                name = "%s"
                description = "Minimal Debian 12"
                version = "1.0.3"
                distro = "debian-12"

                [[packages]]
                name = "openssl"
                version = "%s"

                [[packages]]
                name = "openssh-server"
                version = "*"
                """.formatted(image, OLD_SSL), image + ".toml");
    }

    /** Returns the manifest of a build of {@code image} with openssl at {@code ssl}, built at {@code at}. */
    public static Manifest manifest(String image, ImageVersionId version, String ssl, String nginx, Instant at,
            List<Manifest.Trigger> triggers) {
        List<InstalledPackage> packages = new ArrayList<>(List.of(
                new InstalledPackage("openssl", ssl, "amd64", null),
                new InstalledPackage("libssl3", ssl, "amd64", "openssl"),
                new InstalledPackage("openssh-server", "1:9.2p1-2+deb12u3", "amd64", "openssh"),
                new InstalledPackage("base-files", "12.4+deb12u8", "amd64", null)));
        if (nginx != null) {
            packages.add(new InstalledPackage("nginx", nginx, "amd64", null));
        }
        return new Manifest(image, version, "debian-12", "1.0.3", packages,
                new Manifest.Artifact("/var/lib/goldsmith/images/" + image + "/" + version + ".qcow2", "qcow2", SHA,
                        524_288_000L),
                "local", List.of(new Manifest.Step("provision", Duration.ofMinutes(20))), triggers, at);
    }

    /** Returns the trigger of DSA-5800-1 for openssl or libssl3. */
    public static Manifest.Trigger ssl(String packageName) {
        return new Manifest.Trigger(packageName, OLD_SSL, NEW_SSL, List.of(DSA), List.of(CVE, CVE2), null);
    }

    /** Writes the whole history into a new repository at {@code dir}. */
    public static void write(Path dir) throws Exception {
        try (GitStore git = GitStore.open(dir, "main", "Goldsmith", "goldsmith@example.org")) {
            CatalogStore store = new CatalogStore(git);
            for (String image : List.of(MINIMAL, WEB)) {
                store.importBlueprint(blueprint(image), at(1, 8, 0));
                store.recordBuild(manifest(image, V1, OLD_SSL, "1.22.1-9", at(1, 9, 20), List.of()), at(1, 9, 0));
                toTesting(store, image, V1, at(1, 9, 21));
                store.recordQa(qa(image, V1, 3, 0), PASSED_XML, at(1, 9, 40), STABLE);
                store.recordChannel(store.entry(image).orElseThrow().point("stable", V1).orElseThrow(),
                        "policy promote-on-qa", at(1, 9, 41));
            }

            store.recordBuild(manifest(MINIMAL, V2, NEW_SSL, "1.22.1-9", at(3, 10, 25),
                    List.of(ssl("openssl"), ssl("libssl3"))), at(3, 10, 0));
            toTesting(store, MINIMAL, V2, at(3, 10, 26));
            store.recordQa(qa(MINIMAL, V2, 3, 0), PASSED_XML, at(3, 10, 50), STABLE);
            store.recordChannel(store.entry(MINIMAL).orElseThrow().point("stable", V2).orElseThrow(),
                    "policy promote-on-qa", at(3, 10, 51));
            move(store, MINIMAL, V1, REVOKED, at(3, 11, 0), DSA + " fixed in " + V2, "policy revoke-affected");

            store.recordBuild(manifest(WEB, V2, NEW_SSL, "1.22.1-9", at(3, 10, 30),
                    List.of(ssl("openssl"), ssl("libssl3"))), at(3, 10, 5));
            toTesting(store, WEB, V2, at(3, 10, 31));
            store.recordQa(qa(WEB, V2, 3, 1), FAILED_XML, at(3, 10, 55), FAILED);
            store.recordBuild(manifest(WEB, V3, NEW_SSL, "1.22.1-9+deb12u1", at(4, 7, 30),
                    List.of(ssl("openssl"), ssl("libssl3"), new Manifest.Trigger("nginx", "1.22.1-9",
                            "1.22.1-9+deb12u1", List.of(), List.of(), null))), at(4, 7, 0));
            toTesting(store, WEB, V3, at(4, 7, 31));
            store.recordQa(qa(WEB, V3, 3, 0), PASSED_XML, at(4, 7, 50), STABLE);
            store.recordChannel(store.entry(WEB).orElseThrow().point("stable", V3).orElseThrow(),
                    "policy promote-on-qa", at(4, 7, 51));
        }
    }

    /**
     * Returns a build of {@code image} that failed at its provisioning step {@code packages} with exit status 100,
     * started 12 minutes before {@code failedAt}, its consoles kept under the artifacts' failed-builds directory.
     *
     * @param allocated the version id the build had taken, or null
     */
    public static FailedBuild failedBuild(String image, ImageVersionId allocated, Instant failedAt,
            List<Manifest.Trigger> triggers) {
        String buildId = "20261203-101500-3fa9";
        return new FailedBuild(image, buildId, "1.0.4", "report", "packages", 100,
                "E: Unable to locate package openssl", "Reading package lists...\n\nE: Unable to locate package"
                        + " openssl\n", triggers, allocated, failedAt.minus(Duration.ofMinutes(12)), failedAt,
                "/var/lib/goldsmith/artifacts/" + image + "/failed-builds/" + buildId);
    }

    /** Returns the QA result of a run of 3 tests with {@code failures} failed. */
    public static QaResult qa(String image, ImageVersionId version, int tests, int failures) {
        return new QaResult(image, version.toString(), image.equals(WEB) ? "web" : "debian-base", tests, failures, 0,
                0, CatalogLayout.qa(image, version), null);
    }

    /** Moves {@code version} to testing through the store. */
    public static void toTesting(CatalogStore store, String image, ImageVersionId version, Instant at)
            throws IOException, CatalogStoreException, IllegalTransitionException {
        move(store, image, version, TESTING, at, "QA started", "policy qa");
    }

    /** Moves {@code version} to {@code to} through the store, computed from the entry at HEAD. */
    public static void move(CatalogStore store, String image, ImageVersionId version, LifecycleState to, Instant at,
            String reason, String actor) throws IOException, CatalogStoreException, IllegalTransitionException {
        store.recordTransition(store.entry(image).orElseThrow().transition(version, to, at, reason), actor);
    }

    /** Runs real git in {@code dir} and returns its standard output; fails on a non-zero exit. */
    public static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = new TreeMap<>(builder.environment());
        env.keySet().stream().filter(k -> k.startsWith("GIT_")).forEach(k -> builder.environment().remove(k));
        builder.environment().put("TZ", "UTC");
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
