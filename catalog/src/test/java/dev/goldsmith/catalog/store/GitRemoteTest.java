package dev.goldsmith.catalog.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRemoteTest {

    @TempDir
    Path dir;

    @Test
    void credentialsInTheUrlNeverShow() {
        GitRemote password = GitRemote.of("https://goldsmith:s3cr3t-t0ken@git.example.org/audit.git");
        GitRemote tokenAsUser = GitRemote.of("https://ghp_t0ken123@git.example.org/audit.git");
        GitRemote ssh = GitRemote.of("git@git.example.org:platform/audit.git");

        assertEquals("https://goldsmith:***@git.example.org/audit.git", password.safeUrl());
        assertFalse(password.toString().contains("s3cr3t"));
        assertEquals("https://***@git.example.org/audit.git", tokenAsUser.safeUrl());
        assertEquals("git@git.example.org:platform/audit.git", ssh.safeUrl(), "an SSH user name is no secret");
    }

    @Test
    void anUnreachableRemoteIsReportedWithoutItsCredentials() {
        // Port 1 on loopback refuses at once: nothing leaves the machine.
        GitRemote remote = new GitRemote("http://goldsmith:s3cr3t-t0ken@127.0.0.1:1/audit.git", 1, Duration.ZERO);

        IOException failure = assertThrows(IOException.class,
                () -> GitStore.open(dir.resolve("audit"), "main", "Goldsmith", "g@localhost", remote, null));

        assertTrue(failure.getMessage().startsWith("cannot reach the Git remote http://goldsmith:***@127.0.0.1:1/"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cr3t"), failure.getMessage());
    }

    @Test
    void valuesThatCannotWorkAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GitRemote.of("https://example.org/a b.git"));
        assertThrows(IllegalArgumentException.class, () -> GitRemote.of(" "));
        assertThrows(IllegalArgumentException.class,
                () -> new GitRemote("https://example.org/a.git", 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new GitRemote("https://example.org/a.git", 3, Duration.ofSeconds(-1)));
    }

    @Test
    void withoutARemoteThereIsNothingToPushAndNothingPending() throws IOException {
        try (GitStore store = GitStore.open(dir.resolve("local"), "main", "Goldsmith", "g@localhost", null, null)) {
            store.commit("web 1: built", "", Map.of("a.txt", "a\n"), List.of());

            assertEquals(List.of(), store.pending());
            assertThrows(IllegalStateException.class, store::push);
        }
    }
}
