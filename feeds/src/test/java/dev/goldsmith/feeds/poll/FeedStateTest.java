package dev.goldsmith.feeds.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import dev.goldsmith.feeds.http.Validators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedStateTest {

    private static final Instant T1 = Instant.parse("2026-07-11T10:16:37Z");
    private static final Instant T2 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void failureKeepsWhatEarlierPollsLearntAndSuccessClearsIt() {
        FeedState ok = FeedState.initial().succeeded(T1, Map.of("u", new Validators("\"e\"", null)), T1);

        FeedState failing = ok.failed("InRelease: bad signature", T2);

        assertTrue(failing.degraded());
        assertEquals("InRelease: bad signature", failing.lastFailure());
        assertEquals("\"e\"", failing.validatorsFor("u").etag());
        assertEquals(T1, failing.lastSignedDate());
        FeedState recovered = failing.succeeded(T2, Map.of(), null);
        assertFalse(recovered.degraded());
        assertNull(recovered.lastFailure());
        assertEquals(T1, recovered.lastSignedDate(), "a poll without signed date keeps the newest one seen");
    }

    @Test
    void writesAndReadsBack() throws Exception {
        FeedState state = FeedState.initial().succeeded(T1, Map.of("u", new Validators("\"e\"", "Sat")), T2)
                .failed("timeout", T2);
        Path file = dir.resolve("feeds/x/state.json");

        state.write(file);

        assertEquals(state, FeedState.read(file));
        assertEquals(FeedState.initial(), FeedState.read(dir.resolve("absent.json")));
    }
}
