package dev.goldsmith.builders.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.goldsmith.builders.provision.ProvisioningPlan;
import dev.goldsmith.builders.provision.ProvisioningStep;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestSourcesTest {

    @Test
    void installsTheSourcesBeforeEveryOtherStepFromAShippedFile() {
        ProvisioningPlan plan = new ProvisioningPlan(List.of(new ProvisioningStep("packages", "#!/bin/sh\n")),
                List.of());
        String line = GuestSources.line(URI.create("http://deb.example.org/debian"), "bookworm-updates",
                List.of("main"));

        ProvisioningPlan withSources = GuestSources.prepend(List.of(line), plan);

        assertEquals(List.of(GuestSources.STEP, "packages"),
                withSources.steps().stream().map(ProvisioningStep::name).toList());
        assertEquals("deb http://deb.example.org/debian bookworm-updates main", line);
        String file = new String(withSources.files().get(0).content(), StandardCharsets.UTF_8);
        assertEquals(true, file.endsWith(line + "\n"));
    }

    @Test
    void refusesWhatCouldBreakTheLineOrLeaveTheGuestsMirror() {
        for (String uri : List.of("ftp://deb.example.org/debian", "http://deb.example.org/debian'x",
                "file:///srv/mirror")) {
            assertThrows(IllegalArgumentException.class,
                    () -> GuestSources.line(URI.create(uri), "bookworm", List.of("main")), uri);
        }
        assertThrows(IllegalArgumentException.class,
                () -> GuestSources.line(URI.create("http://deb.example.org/debian"), "bookworm\nmain", List.of("m")));
        assertThrows(IllegalArgumentException.class, () -> GuestSources.prepend(
                List.of("deb http://deb.example.org/debian bookworm main\ndeb http://evil.example.org/ x y"),
                new ProvisioningPlan(List.of(), List.of())));
    }
}
