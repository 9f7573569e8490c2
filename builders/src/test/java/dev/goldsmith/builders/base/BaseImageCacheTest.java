package dev.goldsmith.builders.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.builders.agent.Agent;
import dev.goldsmith.builders.process.FakePrograms;
import dev.goldsmith.builders.process.ProgramException;
import dev.goldsmith.builders.process.ProgramResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseImageCacheTest {

    private static final Set<String> TOOLS = Set.of("mmdebstrap", "mke2fs", "qemu-img");
    private static final String STATE = "Sat, 17 May 2025 09:12:44 UTC";
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final List<String> PACKAGES = List.of("ca-certificates", "linux-image-amd64", "systemd-sysv");

    @TempDir
    Path dir;

    /** Fakes that do what the real tools leave behind: a tree with a kernel, a qcow2 file. */
    private static FakePrograms workingTools() {
        return new FakePrograms(TOOLS)
                .on("mmdebstrap", (command, workDir) -> {
                    Path hooks = Path.of(command.get(7).substring("--hook-directory=".length()));
                    assertTrue(Files.isExecutable(hooks.resolve("customize-goldsmith")));
                    assertTrue(Files.isExecutable(hooks.resolve("agent/goldsmith-agent")));
                    Path boot = Files.createDirectories(Path.of(command.get(9)).resolve("boot"));
                    Files.writeString(boot.resolve("vmlinuz-6.1.0-35-amd64"), "kernel");
                    Files.writeString(boot.resolve("initrd.img-6.1.0-35-amd64"), "initrd");
                    return FakePrograms.ok(command);
                })
                .on("qemu-img", (command, workDir) -> {
                    Files.writeString(Path.of(command.get(5)), "qcow2");
                    return FakePrograms.ok(command);
                });
    }

    private static DebianBootstrap bootstrap(FakePrograms programs) {
        return new DebianBootstrap(programs, BaseImageSpecTest.spec(List.of("openssh-server")), STATE,
                Duration.ofMinutes(20));
    }

    private List<String> cacheEntries() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void makesABaseOnceWithOnlyItsFourFilesAndThenFindsIt() throws Exception {
        FakePrograms programs = workingTools();
        DebianBootstrap maker = bootstrap(programs);
        BaseImageCache cache = new BaseImageCache(dir);

        BaseImage made = cache.obtain(maker.key(), maker);
        BaseImage again = cache.obtain(maker.key(), (key, into) -> {
            throw new AssertionError("a cached base is not made again");
        });

        assertEquals(List.of(maker.key()), cacheEntries());
        try (Stream<Path> files = Files.list(made.dir())) {
            assertEquals(List.of("base.json", "initrd.img", "root.qcow2", "vmlinuz"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("kernel", Files.readString(again.kernel()));
        assertEquals("root=LABEL=goldsmith-root", again.info().kernelRoot());
        assertEquals(STATE, again.info().mirrorState());
        assertEquals(Agent.sha256(), again.info().agentSha256());
        assertEquals(List.of("mmdebstrap", "mke2fs", "qemu-img"),
                programs.commands().stream().map(c -> c.get(0)).toList());
        List<String> mmdebstrap = programs.commands().get(0);
        assertEquals("--include=ca-certificates,linux-image-amd64,openssh-server,systemd-resolved,systemd-sysv,udev",
                mmdebstrap.get(6));
        assertEquals("--skip=cleanup/apt/lists", mmdebstrap.get(4), "the base keeps its package lists");
        assertEquals(List.of("bookworm", "http://mirror.example.org/debian"),
                List.of(mmdebstrap.get(8), mmdebstrap.get(10)));
        assertEquals(List.of("mke2fs", "-q", "-F", "-t", "ext4", "-L", "goldsmith-root", "-d"),
                programs.commands().get(1).subList(0, 8));
    }

    @Test
    void failedBootstrapLeavesNothingThatLooksLikeABase() throws Exception {
        FakePrograms programs = workingTools().on("mke2fs", (command, workDir) ->
                new ProgramResult(command, 1, "", "mke2fs: Could not allocate block in ext2 filesystem",
                        Duration.ZERO));
        DebianBootstrap maker = bootstrap(programs);
        BaseImageCache cache = new BaseImageCache(dir);

        ProgramException failure = assertThrows(ProgramException.class, () -> cache.obtain(maker.key(), maker));

        assertTrue(failure.getMessage().contains("Could not allocate block"), failure.getMessage());
        assertEquals(List.of(), cacheEntries());
        assertTrue(cache.find(maker.key()).isEmpty());
    }

    @Test
    void crashedBuildIsNeverFoundAndIsRemovedAtStartUp() throws Exception {
        String key = "c".repeat(64);
        Path crashed = Files.createDirectories(dir.resolve(".building-cccccccccccc-123"));
        Files.writeString(crashed.resolve("vmlinuz"), "kernel");
        BaseImageCache cache = new BaseImageCache(dir);

        assertTrue(cache.find(key).isEmpty());
        cache.removeAbandoned();

        assertEquals(List.of(), cacheEntries());
    }

    @Test
    void baseWhoseFilesWentMissingIsReportedNotUsed() throws Exception {
        DebianBootstrap maker = bootstrap(workingTools());
        BaseImageCache cache = new BaseImageCache(dir);
        BaseImage made = cache.obtain(maker.key(), maker);
        Files.delete(made.root());

        IOException broken = assertThrows(IOException.class, () -> cache.find(maker.key()));

        assertTrue(broken.getMessage().endsWith("cached base is missing root.qcow2; remove the directory"),
                broken.getMessage());
    }

    @Test
    void missingToolIsNamed() throws Exception {
        DebianBootstrap maker = bootstrap(new FakePrograms(Set.of("mke2fs", "qemu-img")));

        ProgramException missing = assertThrows(ProgramException.class,
                () -> new BaseImageCache(dir).obtain(maker.key(), maker));

        assertTrue(missing.getMessage().startsWith("mmdebstrap: is not installed; bootstrapping a debian-12 base"),
                missing.getMessage());
        assertFalse(cacheEntries().stream().anyMatch(e -> e.startsWith(".building")));
    }

    @Test
    void hookLabelsTheRootAsTheKernelCommandLineExpects() throws Exception {
        try (var in = DebianBootstrap.class.getResourceAsStream("customize-goldsmith")) {
            String hook = new String(in.readAllBytes());
            assertTrue(hook.contains("label=" + DebianBootstrap.ROOT_LABEL + "\n"), hook);
            assertTrue(hook.contains(Agent.UNIT_NAME));
        }
    }

    /** Returns a cache of fake bases whose clock stands at {@link #NOW}. */
    private BaseImageCache cacheKeeping(int keep) throws IOException {
        return new BaseImageCache(dir, keep, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static BaseImageInfo info(String key, List<String> packages) {
        return new BaseImageInfo(key, "debian-12", "bookworm http://deb.example.org/debian", packages,
                "state of " + key, "agent", "root=LABEL=goldsmith-root", "2026-11-01T00:00:00Z", "bookworm",
                BaseImageInfo.hostArchitecture());
    }

    /** Writes a small fake base, its {@code base.json} as given, last used {@code ago} before {@link #NOW}. */
    private String fakeBase(char digit, String json, Duration ago) throws IOException {
        String key = String.valueOf(digit).repeat(64);
        Path base = Files.createDirectories(dir.resolve(key));
        for (String file : List.of(BaseImage.KERNEL, BaseImage.INITRD, BaseImage.ROOT)) {
            Files.writeString(base.resolve(file), file);
        }
        Files.writeString(base.resolve(BaseImage.INFO), json);
        Files.setLastModifiedTime(base.resolve(BaseImage.INFO), FileTime.from(NOW.minus(ago)));
        return key;
    }

    private String fakeBase(char digit, List<String> packages, Duration ago) throws IOException {
        return fakeBase(digit, info(String.valueOf(digit).repeat(64), packages).toJson(), ago);
    }

    /** A maker that writes the three files and describes a base of the family of {@link #PACKAGES}. */
    private static BaseImageMaker fakeMaker() {
        return (key, into) -> {
            for (String file : List.of(BaseImage.KERNEL, BaseImage.INITRD, BaseImage.ROOT)) {
                Files.writeString(into.resolve(file), file);
            }
            return info(key, PACKAGES);
        };
    }

    private Instant lastUsed(String key) throws IOException {
        return Files.getLastModifiedTime(dir.resolve(key).resolve(BaseImage.INFO)).toInstant();
    }

    @Test
    void keepsTheNewestBasesOfAFamilyByLastUseAndRemovesTheOlderOnes() throws Exception {
        String usedYesterday = fakeBase('a', PACKAGES, Duration.ofDays(1));
        String usedLastWeek = fakeBase('b', PACKAGES, Duration.ofDays(7));
        String usedLastMonth = fakeBase('c', PACKAGES, Duration.ofDays(30));
        String otherPackages = fakeBase('d', List.of("ca-certificates", "linux-image-amd64", "nginx"),
                Duration.ofDays(60));
        String made = "e".repeat(64);

        BaseImage base = cacheKeeping(2).obtain(made, fakeMaker());

        assertEquals(dir.resolve(made), base.dir());
        assertEquals(List.of(usedYesterday, otherPackages, made), cacheEntries(),
                "the base just made and the one used yesterday are the newest two of the family; a base with other"
                        + " packages baked in is of another family");
        assertEquals(NOW, lastUsed(made));
        assertFalse(cacheEntries().contains(usedLastWeek) || cacheEntries().contains(usedLastMonth));
    }

    @Test
    void neverRemovesABaseUsedWithinTheLastHourEvenBeyondKeep() throws Exception {
        String halfAnHourAgo = fakeBase('a', PACKAGES, Duration.ofMinutes(30));
        String twoHoursAgo = fakeBase('b', PACKAGES, Duration.ofHours(2));
        String obtained = fakeBase('c', PACKAGES, Duration.ofDays(3));

        cacheKeeping(1).obtain(obtained, (key, into) -> {
            throw new AssertionError("a cached base is not made again");
        });

        assertEquals(List.of(halfAnHourAgo, obtained), cacheEntries(),
                "another process's build may still have an overlay on the base it used half an hour ago");
        assertFalse(cacheEntries().contains(twoHoursAgo));
    }

    @Test
    void aFoundBaseIsMarkedAsUsedSoItOutlivesBasesUsedSinceItWasMade() throws Exception {
        String old = fakeBase('a', PACKAGES, Duration.ofDays(9));
        String newer = fakeBase('b', PACKAGES, Duration.ofDays(2));
        BaseImageCache cache = cacheKeeping(1);

        assertTrue(cache.find(old).isPresent());
        assertEquals(NOW, lastUsed(old));
        cache.obtain(old, fakeMaker());

        assertEquals(List.of(old), cacheEntries(), "the base obtained is never the one removed");
        assertFalse(cacheEntries().contains(newer));
    }

    @Test
    void readsABaseJsonWrittenBeforeSuiteAndArchitectureWereRecordedAndPrunesItsBase() throws Exception {
        String legacyKey = "a".repeat(64);
        String legacy = """
                {
                  "key" : "%s",
                  "distro" : "debian-12",
                  "source" : "bookworm http://deb.example.org/debian",
                  "packages" : [ "ca-certificates", "linux-image-amd64", "systemd-sysv" ],
                  "mirrorState" : "Sat, 17 May 2025 09:12:44 UTC",
                  "agentSha256" : "agent",
                  "kernelRoot" : "root=LABEL=goldsmith-root",
                  "createdAt" : "2025-05-17T10:00:00Z"
                }
                """.formatted(legacyKey);
        BaseImageInfo read = BaseImageInfo.fromJson(legacy, "base.json");
        assertEquals("bookworm", read.suite());
        assertEquals(BaseImageInfo.hostArchitecture(), read.architecture());
        assertEquals(info("f".repeat(64), PACKAGES).family(), read.family());
        fakeBase('a', legacy, Duration.ofDays(200));

        cacheKeeping(1).obtain("f".repeat(64), fakeMaker());

        assertEquals(List.of("f".repeat(64)), cacheEntries());
    }

    @Test
    void familyNamesDistributionSuiteArchitectureAndPackages() throws Exception {
        BaseImageInfo info = info("a".repeat(64), PACKAGES);
        BaseImageInfo cloud = new BaseImageInfo("b".repeat(64), "rocky-9", "/srv/vendor/rocky-9.qcow2", List.of(),
                "", "agent", "root=LABEL=rocky", "2026-11-01T00:00:00Z", null, "amd64");

        assertTrue(info.family().matches("debian-12/bookworm/" + BaseImageInfo.hostArchitecture() + "/[0-9a-f]{8}"),
                info.family());
        assertTrue(cloud.family().startsWith("rocky-9/cloud/amd64/"), cloud.family());
        assertEquals(info, BaseImageInfo.fromJson(info.toJson(), "base.json"));
    }

    @Test
    void removalCutShortIsFinishedAtStartUp() throws Exception {
        Path cutShort = Files.createDirectories(dir.resolve(".removing-" + "a".repeat(64)));
        Files.writeString(cutShort.resolve("root.qcow2"), "qcow2");

        new BaseImageCache(dir).removeAbandoned();

        assertEquals(List.of(), cacheEntries());
    }

    @Test
    void refusesToKeepNoBaseOrToRemoveOnesUsedWithinTheHour() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new BaseImageCache(dir, 0, Duration.ofHours(1), clock));
        IllegalArgumentException tooSoon = assertThrows(IllegalArgumentException.class,
                () -> new BaseImageCache(dir, 2, Duration.ofMinutes(59), clock));

        assertEquals("a base cache keeps at least 1 base per family, was 0", none.getMessage());
        assertTrue(tooSoon.getMessage().endsWith("was PT59M"), tooSoon.getMessage());
    }
}
