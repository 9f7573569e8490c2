package dev.goldsmith.catalog.impact;

import java.util.List;

import dev.goldsmith.catalog.event.Severity;

/**
 * One package of an image version that should move: installed → available, and the advisories behind it.
 *
 * @param available  the version to move to, or null while no fix is named or published ("waiting for fix")
 * @param advisories the advisory ids, empty for a plain newer version
 * @param severity   the advisory's severity, or null for a plain newer version
 */
public record Change(String packageName, String installed, String available, List<String> advisories,
        List<String> cves, Severity severity) {

    public Change {
        advisories = List.copyOf(advisories);
        cves = List.copyOf(cves);
    }
}
