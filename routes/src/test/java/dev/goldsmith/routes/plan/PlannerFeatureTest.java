package dev.goldsmith.routes.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.goldsmith.routes.bus.TopicRecords;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.EventCodec;
import dev.goldsmith.catalog.event.EventType;
import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.catalog.event.ImageTransition;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.event.RebuildRequest;
import dev.goldsmith.catalog.event.Topic;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.impact.LiveImages;
import dev.goldsmith.catalog.impact.PlannerSettings;
import dev.goldsmith.catalog.impact.PlannerState;
import dev.goldsmith.catalog.impact.PlannerStateFile;
import dev.goldsmith.feeds.advisory.AdvisoryReader;
import dev.goldsmith.feeds.apt.PackageStanza;
import dev.goldsmith.feeds.apt.PackagesParser;
import dev.goldsmith.routes.GoldsmithRuntime;
import dev.goldsmith.routes.RuntimeSettings;
import dev.goldsmith.routes.events.EventJournalRoutes;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner on the embedded broker: bookworm-security's package facts, an AlmaLinux OSV advisory and a Red Hat
 * CSAF advisory go in as events, and exactly one {@code rebuild.requested} per affected image comes out.
 */
class PlannerFeatureTest {

    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(T0);

    @Test
    void factsAndAdvisoriesBecomeExactlyOneRebuildRequestPerImage() throws Exception {
        Path fixtures = Path.of(System.getProperty("goldsmith.fixtures"));
        Map<String, PackageStanza> bookworm =
                stanzas(fixtures.resolve("apt/Packages.bookworm-main-amd64.2000-stanzas.txt"));
        Map<String, PackageStanza> security =
                stanzas(fixtures.resolve("apt/Packages.bookworm-security-main-amd64.300-stanzas.txt"));
        AdvisoryData alsa = new AdvisoryReader("alma-osv")
                .readAdvisories(fixtures.resolve("osv/almalinux/almalinux9/ALSA-2026:0793.json")).get(0);
        AdvisoryData rhsa = new AdvisoryReader("redhat-csaf")
                .readAdvisories(fixtures.resolve("csaf/advisories/rhsa-2024_3666.json")).get(0);
        String kernelFix = alsa.affected().stream().filter(a -> a.packageName().equals("kernel")).findFirst()
                .orElseThrow().fixed();

        Catalog catalog = new Catalog()
                .put(manifest("base", "debian-12", installed(bookworm, "imagemagick-6.q16hdri", "cinder-common")), null)
                .put(manifest("desktop", "debian-12", installed(bookworm, "imagemagick-6.q16hdri",
                        "thunderbird-l10n-lv")), "base")
                .put(manifest("alma-web", "almalinux-9", List.of(
                        new InstalledPackage("kernel", "5.14.0-570.46.1.el9_6", "x86_64", null))), null)
                .put(manifest("rhel-tomcat", "rhel-8", List.of(
                        new InstalledPackage("tomcat", "1:9.0.62-27.el8_9", "noarch", null))), null);
        PlannerFeature planner = new PlannerFeature(PlannerSettings.defaults(), catalog, clock,
                Duration.ofMillis(100));
        Path state = dir.resolve("state");

        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.embedded(state), List.of(planner))) {
            NotifyBuilder packagesTaken = new NotifyBuilder(runtime.camel()).fromRoute(PlannerRoutes.PACKAGES_ROUTE)
                    .whenCompleted(security.size() + 1).create();
            NotifyBuilder advisoriesTaken = new NotifyBuilder(runtime.camel())
                    .fromRoute(PlannerRoutes.ADVISORIES_ROUTE).whenCompleted(2).create();
            Events feed = new Events(Events.feedSource("bookworm-security"), clock);
            List<CloudEvent> facts = new ArrayList<>();
            security.values().forEach(s -> facts.add(feed.packagePublished(
                    s.toPackageData("bookworm-security", "debian-12"))));
            facts.add(feed.packagePublished(new PackageData("alma-baseos", "almalinux-9", "kernel", kernelFix,
                    "x86_64", "kernel", kernelFix, new PackageData.PackageFile("Packages/kernel.rpm", 1, SHA))));
            facts.add(feed.advisoryPublished(alsa));
            facts.add(feed.advisoryPublished(rhsa));
            runtime.publisher().publishAll(facts);

            assertTrue(packagesTaken.matches(60, TimeUnit.SECONDS), "every package fact reached the planner");
            assertTrue(advisoriesTaken.matches(60, TimeUnit.SECONDS), "both advisories reached the planner");
            assertEquals(List.of("alma-web", "base", "desktop"), planner.desk().pending().stream()
                    .map(p -> p.image()).toList(), "inside the window nothing is requested yet");
            assertEquals(List.of("rhel-tomcat"), planner.desk().waiting().stream().map(w -> w.image()).toList(),
                    "the tomcat fix is not in any watched repository");

            NotifyBuilder baseAndAlma = published(runtime, 2);
            clock.set(T0.plus(PlannerSettings.DEFAULT_WINDOW));
            assertTrue(baseAndAlma.matches(60, TimeUnit.SECONDS), "the window ended and requests went out");
            assertEquals(List.of("desktop"), planner.desk().pending().stream().map(p -> p.image()).toList(),
                    "desktop waits for its parent base");

            NotifyBuilder desktop = published(runtime, 1);
            runtime.publisher().publish(new Events(Events.componentSource("catalog"), clock).imagePromoted(
                    new ImageTransition("base", "2026.12.03.1", LifecycleState.TESTING, LifecycleState.STABLE,
                            "QA suite passed", List.of())));
            assertTrue(desktop.matches(60, TimeUnit.SECONDS), "base is stable, so desktop is requested");
            NotifyBuilder moreTicks = new NotifyBuilder(runtime.camel()).fromRoute(PlannerRoutes.DUE_ROUTE)
                    .whenCompleted(5).create();
            assertTrue(moreTicks.matches(60, TimeUnit.SECONDS));

            Map<String, RebuildRequest> requests = new TreeMap<>();
            for (ConsumerRecord<String, byte[]> record : readAll(runtime.bootstrapServers(), Topic.REBUILDS)) {
                CloudEvent event = new EventCodec().decode(record.value());
                assertEquals(EventType.REBUILD_REQUESTED, event.type());
                assertEquals(record.key(), event.key());
                assertEquals(null, requests.put(record.key(), (RebuildRequest) event.data()),
                        "a second request for " + record.key());
            }
            assertEquals(Set.of("alma-web", "base", "desktop"), requests.keySet());
            assertEquals(List.of("ALSA-2026:0793"), requests.get("alma-web").reasons().get(0).advisoryIds());
            assertEquals(kernelFix, requests.get("alma-web").reasons().get(0).availableVersion());
            assertEquals(List.of("imagemagick-6.q16hdri", "thunderbird-l10n-lv"), requests.get("desktop").reasons()
                    .stream().map(RebuildRequest.Reason::packageName).toList());
            assertEquals(List.of("held until parent image base 2026.12.03.1 was stable"),
                    requests.get("desktop").notes());
        }

        PlannerState saved = new PlannerStateFile(state.resolve("planner/state.json")).read().orElseThrow();
        assertEquals(List.of(), saved.pending(), "every request made is forgotten on disk too");
        assertEquals(List.of("rhel-tomcat"), saved.waiting().stream().map(w -> w.image()).toList(),
                "the wait for the tomcat fix survives a restart");
        assertEquals(List.of(rhsa), saved.advisories());
    }

    private static NotifyBuilder published(GoldsmithRuntime runtime, int requests) {
        return new NotifyBuilder(runtime.camel()).fromRoute(EventJournalRoutes.ROUTE_ID)
                .filter(e -> new String(e.getMessage().getBody(byte[].class), StandardCharsets.UTF_8)
                        .contains(EventType.REBUILD_REQUESTED.cloudEventType()))
                .whenCompleted(requests).create();
    }

    private static Map<String, PackageStanza> stanzas(Path file) throws Exception {
        Map<String, PackageStanza> byName = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            PackagesParser.parse(in, file.toString(), s -> byName.put(s.name(), s));
        }
        return byName;
    }

    private static List<InstalledPackage> installed(Map<String, PackageStanza> stanzas, String... names) {
        List<InstalledPackage> installed = new ArrayList<>();
        for (String name : names) {
            PackageStanza s = stanzas.get(name);
            installed.add(new InstalledPackage(s.name(), s.version(), s.architecture(), s.sourceName()));
        }
        return installed;
    }

    private static Manifest manifest(String image, String distro, List<InstalledPackage> packages) {
        return new Manifest(image, ImageVersionId.parse("2026.12.01.1"), distro, "0.0.1", packages,
                new Manifest.Artifact("/images/" + image + ".qcow2", "qcow2", SHA, 1), "local",
                List.of(new Manifest.Step("provision", Duration.ofSeconds(1))), List.of(),
                Instant.parse("2026-12-01T00:00:00Z"));
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, Topic topic) {
        return TopicRecords.readAll(bootstrap, List.of(topic), Duration.ofSeconds(20));
    }

    /** The catalog as plain maps: each image's current manifest and parent. */
    private static final class Catalog implements LiveImages {
        private final Map<String, Manifest> current = new TreeMap<>();
        private final Map<String, String> parents = new TreeMap<>();

        Catalog put(Manifest manifest, String parent) {
            current.put(manifest.image(), manifest);
            if (parent != null) {
                parents.put(manifest.image(), parent);
            }
            return this;
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

    /** A clock the test sets, read by the planner's threads. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
