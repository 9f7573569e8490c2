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
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseImageCacheTest {

    private static final Set<String> TOOLS = Set.of("mmdebstrap", "mke2fs", "qemu-img");
    private static final String STATE = "Sat, 17 May 2025 09:12:44 UTC";

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
}
