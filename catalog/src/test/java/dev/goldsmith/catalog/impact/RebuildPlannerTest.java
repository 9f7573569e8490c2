package dev.goldsmith.catalog.impact;

import static dev.goldsmith.catalog.impact.PlannerFixtures.BOOKWORM;
import static dev.goldsmith.catalog.impact.PlannerFixtures.BOOKWORM_SECURITY;
import static dev.goldsmith.catalog.impact.PlannerFixtures.alma;
import static dev.goldsmith.catalog.impact.PlannerFixtures.almaPublished;
import static dev.goldsmith.catalog.impact.PlannerFixtures.fixedVersion;
import static dev.goldsmith.catalog.impact.PlannerFixtures.manifest;
import static dev.goldsmith.catalog.impact.PlannerFixtures.pick;
import static dev.goldsmith.catalog.impact.PlannerFixtures.stanzas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.RebuildRequest;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.impact.PlannerFixtures.Catalog;
import dev.goldsmith.catalog.impact.PlannerFixtures.Stanza;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planner against real facts: bookworm images whose packages bookworm-security updates, and AlmaLinux 9 images
 * that AlmaLinux's own kernel advisories affect.
 */
class RebuildPlannerTest {

    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    private static final Duration WINDOW = PlannerSettings.DEFAULT_WINDOW;
    /** The kernel AlmaLinux 9 shipped as the fix of ALSA-2025:16398, older than the later kernel advisories' fixes. */
    private static final String OLD_KERNEL = "5.14.0-570.46.1.el9_6";

    private static Map<String, Stanza> main;
    private static Map<String, Stanza> security;

    private final MutableClock clock = new MutableClock(T0);
    private final Catalog catalog = new Catalog();

    @BeforeAll
    static void readIndexes() throws IOException {
        main = stanzas(BOOKWORM);
        security = stanzas(BOOKWORM_SECURITY);
    }

    private RebuildPlanner planner() {
        return new RebuildPlanner(PlannerSettings.defaults(), catalog, clock);
    }

    /** Returns bookworm's versions of {@code names} as an image would have them installed. */
    private static List<InstalledPackage> installedFromBookworm(String... names) {
        return pick(main, names).stream().map(Stanza::installed).toList();
    }

    private void publishFromSecurity(RebuildPlanner planner, String... names) {
        pick(security, names).forEach(s -> planner.packagePublished(s.published("bookworm-security")));
    }

    private void debianImages() {
        catalog.put(manifest("base", "2026.12.01.1", "debian-12",
                installedFromBookworm("imagemagick-6.q16hdri", "librte-crypto-bcmfs23", "cinder-common")));
        catalog.put(manifest("desktop", "2026.12.01.1", "debian-12",
                installedFromBookworm("imagemagick-6.q16hdri", "thunderbird-l10n-lv")));
        catalog.put(manifest("cloud", "2026.12.01.1", "debian-12",
                installedFromBookworm("neutron-ovn-metadata-agent", "cinder-common")));
    }

    private void almaImage(String... packages) {
        List<InstalledPackage> installed = java.util.Arrays.stream(packages)
                .map(name -> new InstalledPackage(name, OLD_KERNEL, "x86_64", null)).toList();
        catalog.put(manifest("alma-web", "2026.12.01.1", "almalinux-9", installed));
    }

    private static ObjectNode ratedCritical(String relative) throws IOException {
        ObjectNode doc = PlannerFixtures.osvTree(relative);
        doc.put("summary", doc.get("summary").asText().replaceFirst("^[A-Za-z]+:", "Critical:"));
        return doc;
    }

    @Test
    void factsWithinTheWindowBecomeOneRequestPerImageDueOneWindowAfterTheFirstThatTouchedIt() {
        debianImages();
        RebuildPlanner planner = planner();

        publishFromSecurity(planner, "imagemagick-6.q16hdri");
        clock.advance(Duration.ofMinutes(3));
        publishFromSecurity(planner, "thunderbird-l10n-lv", "thunderbird-l10n-lv");
        clock.advance(Duration.ofMinutes(3));
        publishFromSecurity(planner, "neutron-ovn-metadata-agent", "librte-crypto-bcmfs23", "cinder-common");

        assertEquals(List.of(), planner.due(T0.plus(WINDOW).minusSeconds(1)), "nothing is due inside the window");
        List<RebuildRequest> first = planner.due(T0.plus(WINDOW));
        assertEquals(List.of("base", "desktop"), first.stream().map(RebuildRequest::image).toList());
        RebuildRequest desktop = first.get(1);
        assertEquals(List.of(
                new RebuildRequest.Reason("imagemagick-6.q16hdri", "8:6.9.11.60+dfsg-1.6+deb12u11",
                        "8:6.9.11.60+dfsg-1.6+deb12u16", List.of(), List.of(), Severity.NONE),
                new RebuildRequest.Reason("thunderbird-l10n-lv", "1:140.12.0esr-1~deb12u1",
                        "1:153.8.0esr-1~deb12u1", List.of(), List.of(), Severity.NONE)),
                desktop.reasons(), "both facts of the window, the repeated one once");
        assertFalse(desktop.fastLane());
        assertEquals(T0.plus(WINDOW), desktop.requestedAt());
        assertEquals(List.of("imagemagick-6.q16hdri"), first.get(0).reasons().stream()
                .map(RebuildRequest.Reason::packageName).toList(),
                "security's older dpdk and its unchanged cinder are no reason to rebuild base");

        assertEquals(List.of(), planner.due(T0.plus(WINDOW)), "a request is made once");
        List<RebuildRequest> second = planner.due(T0.plus(Duration.ofMinutes(6)).plus(WINDOW));
        assertEquals(List.of("cloud"), second.stream().map(RebuildRequest::image).toList(),
                "cloud's window started with the neutron fact, six minutes later");
        assertEquals(List.of(), planner.pending());
    }

    @Test
    void factsAboutOnePackageMergeIntoTheHighestVersionWithEveryAdvisoryAndTheWorstSeverity() throws IOException {
        almaImage("kernel");
        RebuildPlanner planner = planner();
        AdvisoryData moderate = alma("almalinux9/ALSA-2026:0445.json");
        AdvisoryData important = alma("almalinux9/ALSA-2026:0793.json");

        planner.packagePublished(almaPublished("almalinux-9", "kernel", fixedVersion(moderate, "kernel")));
        planner.packagePublished(almaPublished("almalinux-9", "kernel", fixedVersion(important, "kernel")));
        planner.advisory(important);
        planner.advisory(moderate);
        List<RebuildRequest> due = planner.due(T0.plus(WINDOW));

        assertEquals(1, due.size());
        RebuildRequest.Reason kernel = due.get(0).reasons().get(0);
        assertEquals(1, due.get(0).reasons().size());
        assertEquals(OLD_KERNEL, kernel.installedVersion());
        assertEquals("5.14.0-611.24.1.el9_7", kernel.availableVersion(), "the newer of the two fixes");
        assertEquals(List.of("ALSA-2026:0793", "ALSA-2026:0445"), kernel.advisoryIds());
        assertTrue(kernel.cves().containsAll(important.aliases()) && kernel.cves().containsAll(moderate.aliases()),
                kernel.cves().toString());
        assertEquals(Severity.HIGH, kernel.severity(), "Important outranks Moderate");
        assertFalse(due.get(0).fastLane(), "the fast lane is for critical advisories by default");
    }

    @Test
    void anAdvisoryAtTheFastLaneSeverityMakesTheRequestDueAtOnce() throws IOException {
        almaImage("kernel");
        RebuildPlanner planner = planner();
        AdvisoryData important = alma("almalinux9/ALSA-2026:0793.json");
        planner.packagePublished(almaPublished("almalinux-9", "kernel", fixedVersion(important, "kernel")));

        planner.advisory(important);
        assertEquals(List.of(), planner.due(clock.instant()), "an important advisory waits out the window");
        planner.advisory(alma(ratedCritical("almalinux9/ALSA-2026:0793.json")));
        List<RebuildRequest> due = planner.due(clock.instant());

        assertEquals(1, due.size());
        assertTrue(due.get(0).fastLane());
        assertEquals(Severity.CRITICAL, due.get(0).reasons().get(0).severity());

        RebuildPlanner highLane = new RebuildPlanner(new PlannerSettings(WINDOW, Severity.HIGH,
                PlannerSettings.DEFAULT_MAX_HOLD), catalog, clock);
        highLane.packagePublished(almaPublished("almalinux-9", "kernel", fixedVersion(important, "kernel")));
        highLane.advisory(important);
        assertTrue(highLane.due(clock.instant()).get(0).fastLane(), "with the lane opened to high, important skips");
    }

    @Test
    void anImageWaitsForAFixUntilAPackageFactBringsItAndThenCarriesTheAdvisory() throws IOException {
        almaImage("kernel", "kernel-core");
        RebuildPlanner planner = planner();
        AdvisoryData important = alma("almalinux9/ALSA-2026:0793.json");
        String fix = fixedVersion(important, "kernel");

        planner.advisory(important);
        assertEquals(List.of(), planner.pending(), "no fix is on offer yet");
        assertEquals(List.of(new WaitingForFix("alma-web", "ALSA-2026:0793", Severity.HIGH, important.aliases(),
                List.of(new WaitingForFix.Package("kernel", OLD_KERNEL, fix),
                        new WaitingForFix.Package("kernel-core", OLD_KERNEL, fix)), T0)), planner.waiting());

        Instant fixArrives = clock.advance(Duration.ofMinutes(30));
        planner.packagePublished(almaPublished("almalinux-9", "kernel", fix));
        assertEquals(List.of("kernel-core"), planner.waiting().get(0).packages().stream()
                .map(WaitingForFix.Package::name).toList(), "kernel-core still waits for its own package");
        clock.advance(Duration.ofMinutes(1));
        planner.packagePublished(almaPublished("almalinux-9", "kernel-core", fix));

        assertEquals(List.of(), planner.waiting());
        assertEquals(List.of(), planner.due(fixArrives.plus(WINDOW).minusSeconds(1)));
        List<RebuildRequest> due = planner.due(fixArrives.plus(WINDOW));
        assertEquals(1, due.size());
        for (RebuildRequest.Reason reason : due.get(0).reasons()) {
            assertEquals(List.of("ALSA-2026:0793"), reason.advisoryIds(), reason.packageName());
            assertEquals(Severity.HIGH, reason.severity(), reason.packageName());
            assertEquals(fix, reason.availableVersion(), reason.packageName());
        }
    }

    @Test
    void aCriticalAdvisoryWhoseFixArrivesLaterGoesStraightToTheFastLane() throws IOException {
        almaImage("kernel");
        RebuildPlanner planner = planner();
        AdvisoryData critical = alma(ratedCritical("almalinux9/ALSA-2026:0793.json"));
        planner.advisory(critical);
        clock.advance(Duration.ofHours(2));

        planner.packagePublished(almaPublished("almalinux-9", "kernel", fixedVersion(critical, "kernel")));
        List<RebuildRequest> due = planner.due(clock.instant());

        assertEquals(1, due.size());
        assertTrue(due.get(0).fastLane());
        assertEquals(List.of("ALSA-2026:0793"), due.get(0).reasons().get(0).advisoryIds());
    }

    @Test
    void aChildIsHeldWhileItsParentIsRebuiltAndReleasedWhenTheParentsNewVersionIsStable() {
        catalog.put(manifest("base", "2026.12.01.1", "debian-12", installedFromBookworm("imagemagick-6.q16hdri")));
        catalog.put(manifest("desktop", "2026.12.01.1", "debian-12",
                installedFromBookworm("imagemagick-6.q16hdri", "thunderbird-l10n-lv")), "base");
        RebuildPlanner planner = planner();
        publishFromSecurity(planner, "imagemagick-6.q16hdri");

        Instant windowEnd = T0.plus(WINDOW);
        assertEquals(List.of("base"), planner.due(windowEnd).stream().map(RebuildRequest::image).toList());
        PendingRebuild held = planner.pending().get(0);
        assertEquals("desktop", held.image());
        assertEquals(new PendingRebuild.Hold("base", windowEnd), held.hold());
        publishFromSecurity(planner, "thunderbird-l10n-lv");
        assertEquals(List.of(), planner.due(windowEnd.plus(Duration.ofHours(3))), "held while base is rebuilt");

        planner.parentStable("base", "2026.12.03.1");
        List<RebuildRequest> released = planner.due(windowEnd.plus(Duration.ofHours(3)));

        assertEquals(List.of("desktop"), released.stream().map(RebuildRequest::image).toList());
        assertEquals(2, released.get(0).reasons().size(), "what arrived while held is in the request");
        assertEquals(List.of("held until parent image base 2026.12.03.1 was stable"), released.get(0).notes());
        assertEquals(List.of(), planner.pending());
    }

    @Test
    void aChildDueBeforeItsParentWaitsForTheParentsRequestAndBuild() {
        catalog.put(manifest("base", "2026.12.01.1", "debian-12", installedFromBookworm("imagemagick-6.q16hdri")));
        catalog.put(manifest("desktop", "2026.12.01.1", "debian-12",
                installedFromBookworm("imagemagick-6.q16hdri", "thunderbird-l10n-lv")), "base");
        RebuildPlanner planner = planner();
        publishFromSecurity(planner, "thunderbird-l10n-lv");
        clock.advance(Duration.ofMinutes(5));
        publishFromSecurity(planner, "imagemagick-6.q16hdri");

        assertEquals(List.of(), planner.due(T0.plus(WINDOW)), "desktop is due, but base has a request pending");
        assertEquals(List.of("base"), planner.due(T0.plus(WINDOW).plus(Duration.ofMinutes(5))).stream()
                .map(RebuildRequest::image).toList());
        planner.parentStable("base", "2026.12.03.1");
        assertEquals(List.of("desktop"), planner.due(T0.plus(Duration.ofHours(1))).stream()
                .map(RebuildRequest::image).toList());
    }

    @Test
    void aChildWhoseParentHasNothingUnderWayIsNotHeld() {
        catalog.put(manifest("base", "2026.12.01.1", "debian-12", installedFromBookworm("imagemagick-6.q16hdri")));
        catalog.put(manifest("desktop", "2026.12.01.1", "debian-12",
                installedFromBookworm("thunderbird-l10n-lv")), "base");
        RebuildPlanner planner = planner();
        publishFromSecurity(planner, "thunderbird-l10n-lv");

        assertEquals(List.of("desktop"), planner.due(T0.plus(WINDOW)).stream().map(RebuildRequest::image).toList());
    }

    @Test
    void aHeldChildIsReleasedWithANoteWhenTheParentBuildFailsOrStaysSilentTooLong() {
        catalog.put(manifest("base", "2026.12.01.1", "debian-12", installedFromBookworm("imagemagick-6.q16hdri")));
        catalog.put(manifest("desktop", "2026.12.01.1", "debian-12",
                installedFromBookworm("imagemagick-6.q16hdri")), "base");
        catalog.put(manifest("laptop", "2026.12.01.1", "debian-12",
                installedFromBookworm("imagemagick-6.q16hdri")), "base");
        RebuildPlanner failing = planner();
        publishFromSecurity(failing, "imagemagick-6.q16hdri");
        failing.due(T0.plus(WINDOW));

        failing.parentFailed("base", "2026.12.03.1", "step provision failed");
        List<RebuildRequest> released = failing.due(T0.plus(WINDOW));

        assertEquals(List.of("desktop", "laptop"), released.stream().map(RebuildRequest::image).toList());
        assertEquals(List.of("parent image base failed to reach 2026.12.03.1 (step provision failed); rebuilt on the"
                + " parent's current version"), released.get(0).notes());

        RebuildPlanner silent = new RebuildPlanner(new PlannerSettings(WINDOW, Severity.CRITICAL,
                Duration.ofHours(1)), catalog, clock);
        publishFromSecurity(silent, "imagemagick-6.q16hdri");
        silent.due(T0.plus(WINDOW));
        assertEquals(List.of(), silent.due(T0.plus(WINDOW).plus(Duration.ofMinutes(59))));
        List<RebuildRequest> expired = silent.due(T0.plus(WINDOW).plus(Duration.ofHours(1)));
        assertEquals(List.of("desktop", "laptop"), expired.stream().map(RebuildRequest::image).toList());
        assertEquals(List.of("parent image base had no new stable version within PT1H; rebuilt on the parent's"
                + " current version"), expired.get(0).notes());
    }

    @Test
    void aNewCurrentVersionThatAlreadyHasTheUpdateNeedsNoRebuild() {
        debianImages();
        RebuildPlanner planner = planner();
        publishFromSecurity(planner, "imagemagick-6.q16hdri", "thunderbird-l10n-lv");

        catalog.put(manifest("desktop", "2026.12.03.1", "debian-12", List.of(
                security.get("imagemagick-6.q16hdri").installed(), main.get("thunderbird-l10n-lv").installed())));
        List<RebuildRequest> due = planner.due(T0.plus(WINDOW));

        RebuildRequest desktop = due.stream().filter(r -> r.image().equals("desktop")).findFirst().orElseThrow();
        assertEquals(List.of("thunderbird-l10n-lv"), desktop.reasons().stream()
                .map(RebuildRequest.Reason::packageName).toList(), "the new version already has imagemagick u16");
    }

    @Test
    void aFactAboutPackagesNoLiveImageHoldsChangesNothing() {
        debianImages();
        RebuildPlanner planner = planner();
        long before = planner.revision();

        publishFromSecurity(planner, "samba", "libreoffice");

        assertEquals(before, planner.revision(), "nothing to save");
        assertEquals(PlannerState.empty(), planner.state());
    }

    @Test
    void aPlannerRestoredFromItsJsonEqualsTheOneSavedAndDecidesAlike() throws IOException {
        catalog.put(manifest("base", "2026.12.01.1", "debian-12", installedFromBookworm("imagemagick-6.q16hdri")));
        catalog.put(manifest("desktop", "2026.12.01.1", "debian-12",
                installedFromBookworm("imagemagick-6.q16hdri", "thunderbird-l10n-lv")), "base");
        almaImage("kernel", "kernel-core");
        RebuildPlanner saved = planner();
        publishFromSecurity(saved, "imagemagick-6.q16hdri");
        saved.due(T0.plus(WINDOW));
        clock.advance(Duration.ofMinutes(12));
        publishFromSecurity(saved, "thunderbird-l10n-lv");
        AdvisoryData important = alma("almalinux9/ALSA-2026:0793.json");
        saved.advisory(important);
        saved.packagePublished(almaPublished("almalinux-9", "kernel", fixedVersion(important, "kernel")));

        PlannerState state = saved.state();
        RebuildPlanner restored = planner();
        restored.restore(PlannerState.fromJson(state.toJson(), "state.json"));

        assertEquals(state, restored.state());
        assertEquals(1, state.pending().stream().filter(p -> p.hold() != null).count(), "desktop is held");
        assertEquals(1, state.waiting().size(), "kernel-core waits");
        assertEquals(List.of(new PlannerState.ParentBuild("base", T0.plus(WINDOW))), state.parentBuilds());
        assertFalse(state.available().isEmpty());
        saved.parentStable("base", "2026.12.03.1");
        restored.parentStable("base", "2026.12.03.1");
        Instant later = clock.instant().plus(WINDOW);
        assertEquals(saved.due(later), restored.due(later));
        saved.packagePublished(almaPublished("almalinux-9", "kernel-core", fixedVersion(important, "kernel-core")));
        restored.packagePublished(almaPublished("almalinux-9", "kernel-core",
                fixedVersion(important, "kernel-core")));
        assertEquals(saved.state(), restored.state(), "the restored planner knows the advisory kernel-core waits on");
    }

    @Test
    void anAdvisoryUpdateReplacesWhatItsEarlierRevisionLeftWaitingAndKeepsTheWaitsStart() throws IOException {
        almaImage("kernel");
        RebuildPlanner planner = planner();
        AdvisoryData first = alma("almalinux9/ALSA-2026:0793.json");
        planner.advisory(first);
        clock.advance(Duration.ofHours(1));

        AdvisoryData update = new AdvisoryData(first.advisoryId(), first.aliases(), Severity.CRITICAL,
                first.published(), first.modified().plusSeconds(60), first.sourceFeed(), first.affected());
        planner.advisory(update);

        assertEquals(1, planner.waiting().size());
        assertEquals(Severity.CRITICAL, planner.waiting().get(0).severity());
        assertEquals(T0, planner.waiting().get(0).since());
        assertNull(planner.state().pending().stream().findFirst().orElse(null));
    }
}
