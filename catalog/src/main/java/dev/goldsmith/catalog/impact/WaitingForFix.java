package dev.goldsmith.catalog.impact;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.goldsmith.catalog.event.Severity;

/**
 * An image that an advisory affects while the watched repositories do not offer the fix yet. It is rebuilt when a
 * package fact brings the fixed version.
 *
 * @param packages the image's packages still waiting, each with the version that fixes it
 * @param since    when the image started waiting for this advisory
 */
public record WaitingForFix(String image, String advisoryId, Severity severity, List<String> cves,
        List<Package> packages, Instant since) {

    public WaitingForFix {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(advisoryId, "advisoryId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(since, "since");
        cves = List.copyOf(cves);
        packages = List.copyOf(packages);
    }

    /**
     * One installed package the advisory affects.
     *
     * @param fixed the first version that fixes it, or null while the advisory names none
     */
    public record Package(String name, String installed, String fixed) {

        public Package {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(installed, "installed");
        }
    }
}
