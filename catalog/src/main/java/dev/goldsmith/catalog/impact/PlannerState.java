package dev.goldsmith.catalog.impact;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.goldsmith.catalog.event.AdvisoryData;

/**
 * Everything the rebuild planner must not lose in a restart, as plain values that {@link #toJson()} writes and
 * {@link #fromJson(String, String)} reads back: the requests not made yet (with their window start times and holds),
 * the images waiting for a fix and the advisories they wait on, the parents whose rebuild is under way, and the
 * versions the watched repositories offer of the packages live images hold. The live images themselves are not part
 * of it: they come from the catalog.
 *
 * @param format       the layout of this record; {@value #FORMAT} is the only one so far
 * @param pending      the requests not made yet, by image
 * @param waiting      the images waiting for a fix, by image and advisory
 * @param advisories   the advisories someone waits on, needed again when the fix appears
 * @param parentBuilds parents whose rebuild was requested and whose new version is not stable yet
 * @param available    the versions offered of the packages that live images hold
 */
public record PlannerState(int format, List<PendingRebuild> pending, List<WaitingForFix> waiting,
        List<AdvisoryData> advisories, List<ParentBuild> parentBuilds, List<AvailableVersions.Offered> available) {

    /** The current layout. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public PlannerState {
        if (format != FORMAT) {
            throw new IllegalArgumentException("planner state format " + format + " is not known to this build, which"
                    + " reads format " + FORMAT);
        }
        pending = List.copyOf(pending);
        waiting = List.copyOf(waiting);
        advisories = List.copyOf(advisories);
        parentBuilds = List.copyOf(parentBuilds);
        available = List.copyOf(available);
    }

    /** Returns the state of a planner that has seen nothing. */
    public static PlannerState empty() {
        return new PlannerState(FORMAT, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * A parent image whose rebuild was requested and whose new version is not stable yet; its children wait.
     *
     * @param since when its rebuild was requested
     */
    public record ParentBuild(String image, Instant since) {

        public ParentBuild {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(since, "since");
        }
    }

    /** Returns the state as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the planner state as JSON", e);
        }
    }

    /** Reads what {@link #toJson()} wrote; fails naming {@code source} and what is wrong. */
    public static PlannerState fromJson(String json, String source) throws IOException {
        try {
            PlannerState state = JSON.readValue(json, PlannerState.class);
            if (state == null) {
                throw new IOException(source + ": not a planner state: the file holds JSON null");
            }
            return state;
        } catch (IOException | IllegalArgumentException e) {
            if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(source)) {
                throw io;
            }
            throw new IOException(source + ": not a valid planner state: " + e.getMessage(), e);
        }
    }
}
