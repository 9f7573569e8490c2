package dev.goldsmith.routes.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.EventCodec;
import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.event.Topic;
import dev.goldsmith.routes.GoldsmithRuntime;
import dev.goldsmith.routes.RuntimeSettings;
import dev.goldsmith.routes.bus.TopicRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing many events to the embedded broker, and stopping part way when told to. */
class EventPublisherTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;

    @Test
    void publishAllSendsNothingMoreOnceToldToStopAndSaysSo() throws Exception {
        List<CloudEvent> facts = facts(50);
        AtomicInteger asked = new AtomicInteger();

        try (GoldsmithRuntime runtime = GoldsmithRuntime.start(RuntimeSettings.embedded(dir.resolve("state")),
                List.of())) {
            boolean all = runtime.publisher().publishAll(facts, () -> asked.incrementAndGet() > 3);

            assertFalse(all, "the stop was noticed");
            assertEquals(Set.of(facts.get(0).id(), facts.get(1).id(), facts.get(2).id()), publishedIds(runtime),
                    "the three sent before the stop, and none after");
            assertTrue(runtime.publisher().publishAll(facts, () -> false), "told nothing, it sends them all");
            assertEquals(facts.stream().map(CloudEvent::id).collect(Collectors.toSet()), publishedIds(runtime));
        }
    }

    private static List<CloudEvent> facts(int count) {
        Events feed = new Events(Events.feedSource("bookworm"), Clock.systemUTC());
        List<CloudEvent> facts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            facts.add(feed.packagePublished(new PackageData("bookworm", "debian-12", "pkg" + i, "1.0-" + i, "amd64",
                    "pkg" + i, "1.0-" + i, new PackageData.PackageFile("pool/pkg" + i + ".deb", 1, SHA))));
        }
        return facts;
    }

    private static Set<String> publishedIds(GoldsmithRuntime runtime) {
        EventCodec codec = new EventCodec();
        return TopicRecords.readAll(runtime.bootstrapServers(), List.of(Topic.PACKAGES), Duration.ofSeconds(30))
                .stream().map(r -> codec.decode(r.value()).id()).collect(Collectors.toSet());
    }
}
