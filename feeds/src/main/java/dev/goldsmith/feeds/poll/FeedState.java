package dev.goldsmith.feeds.poll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.goldsmith.feeds.http.Validators;
import dev.goldsmith.catalog.io.AtomicFile;

/**
 * What Goldsmith remembers about one feed between polls, beside its snapshot: the validators of each file for
 * conditional requests, the newest signed date seen (to refuse a rollback), and how the last polls went.
 *
 * @param validators          per URL, what the server said about the file's revision
 * @param lastSignedDate      the newest {@code Date} of signed metadata accepted so far, or null
 * @param lastSuccess         when a poll last succeeded, or null
 * @param consecutiveFailures how many polls in a row have failed
 * @param lastFailure         the reason of the last failed poll while the feed is degraded, or null
 * @param lastFailureAt       when the last failed poll happened while the feed is degraded, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedState(
        Map<String, Validators> validators,
        Instant lastSignedDate,
        Instant lastSuccess,
        int consecutiveFailures,
        String lastFailure,
        Instant lastFailureAt) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public FeedState {
        validators = validators == null ? Map.of() : Map.copyOf(validators);
    }

    /** Returns the state of a feed that was never polled. */
    public static FeedState initial() {
        return new FeedState(Map.of(), null, null, 0, null, null);
    }

    /** Returns whether the last poll failed. */
    public boolean degraded() {
        return consecutiveFailures > 0;
    }

    /** Returns the validators to send for {@code url}, empty when the file was never fetched. */
    public Validators validatorsFor(String url) {
        return validators.getOrDefault(url, Validators.none());
    }

    /** Returns this state after a successful poll at {@code when}. */
    public FeedState succeeded(Instant when, Map<String, Validators> newValidators, Instant signedDate) {
        Map<String, Validators> merged = new TreeMap<>(validators);
        merged.putAll(newValidators);
        Instant newest = lastSignedDate == null || (signedDate != null && signedDate.isAfter(lastSignedDate))
                ? signedDate : lastSignedDate;
        return new FeedState(merged, newest, when, 0, null, null);
    }

    /** Returns this state after a poll failed at {@code when}; what was learnt from earlier polls is kept. */
    public FeedState failed(String reason, Instant when) {
        return new FeedState(validators, lastSignedDate, lastSuccess, consecutiveFailures + 1, reason, when);
    }

    /** Writes the state to {@code file} atomically. */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, out -> JSON.writeValue(out, this));
    }

    /** Reads the state from {@code file}; a missing file is the {@link #initial()} state. */
    public static FeedState read(Path file) throws IOException {
        return Files.exists(file) ? JSON.readValue(file.toFile(), FeedState.class) : initial();
    }
}
