package dev.goldsmith.catalog.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail as an auditor reads it: with plain git, not with Goldsmith. */
class GitStoreTest {

    @TempDir
    Path dir;

    @Test
    void buildCommitCarriesItsTrailersAndTagAsPlainGitShowsThem() throws Exception {
        try (GitStore store = GitStore.open(dir.resolve("audit"), "main", "Goldsmith", "goldsmith@localhost")) {
            RevCommit commit = store.commit("debian-12-minimal 2026.12.03.1: rebuilt for DSA-6066-1",
                    "openssh-server 1:9.2p1-2+deb12u6 -> 1:9.2p1-2+deb12u7.",
                    Map.of("images/debian-12-minimal/2026.12.03.1/lock.toml", "image = \"debian-12-minimal\"\n",
                            "images/debian-12-minimal/2026.12.03.1/manifest.json", "{}\n"),
                    List.of(new Trailer("Image", "debian-12-minimal"), new Trailer("Version", "2026.12.03.1"),
                            new Trailer("Triggered-By", "advisory.published DSA-6066-1"),
                            new Trailer("Fixes", "DSA-6066-1 CVE-2025-26465")));
            store.tag(commit, "debian-12-minimal/2026.12.03.1", "debian-12-minimal 2026.12.03.1 built");
        }

        String fixes = git("log", "--format=%(trailers:key=Fixes,valueonly)%s");
        assertTrue(fixes.startsWith("DSA-6066-1 CVE-2025-26465\n"), fixes);
        assertTrue(fixes.contains("rebuilt for DSA-6066-1"), fixes);
        assertEquals("debian-12-minimal/2026.12.03.1 debian-12-minimal 2026.12.03.1 built",
                git("tag", "-n1").strip().replaceAll("\\s+", " "));
        assertEquals("images/debian-12-minimal/2026.12.03.1/lock.toml\n"
                + "images/debian-12-minimal/2026.12.03.1/manifest.json\n", git("ls-files"));
    }

    @Test
    void pathsThatWouldLeaveTheRepositoryAreRefusedBeforeAnythingIsWritten() throws IOException {
        try (GitStore store = GitStore.open(dir.resolve("audit"), "main", "Goldsmith", "goldsmith@localhost")) {
            for (String path : List.of("../outside", "/etc/passwd", "images/../../x", ".git/hooks/post-commit",
                    "images//x", "images/x/")) {
                assertThrows(IllegalArgumentException.class, () -> store.commit("hostile", "",
                        Map.of(path, "#!/bin/sh\n"), List.of()), path);
            }
        }
        assertFalse(Files.exists(dir.resolve("outside")));
        assertFalse(Files.exists(dir.resolve("audit/.git/hooks/post-commit")));
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.resolve("audit").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
