package dev.goldsmith.builders.build;

import dev.goldsmith.builders.qa.QaSuite;
import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.Distro;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.impact.AvailableVersions;
import dev.goldsmith.catalog.version.VersionScheme;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What to build: one image from its blueprint, with the mirror its base is bootstrapped from (Debian and Ubuntu; an
 * RPM distribution's base comes from the vendor image {@link BuildSettings#vendorImages()} names) and what the QA
 * run checks it against.
 *
 * @param image        the image's name
 * @param blueprint    its blueprint, as {@code BlueprintReader} accepted it
 * @param qaSuite      the image's QA suite, or null to skip the QA VM (the host checks still run)
 * @param mirror       the APT mirror the base is bootstrapped from, such as the host's own APT source; null for an
 *                     RPM distribution, which installs from the repositories its vendor image names
 * @param mirrorState  what is known of the mirror's state (its InRelease {@code Date}); a new state makes a new base.
 *                     Empty for an RPM distribution: a new vendor image makes a new base
 * @param guestSources the APT sources the build VM installs from, as {@link GuestSources} lines; empty to keep the
 *                     base's own (the mirror's one suite), and always empty for an RPM distribution
 * @param triggers     why this version is built, as the manifest records it
 * @param advisories   the known advisories, for the QA host check
 * @param available    the package versions the repositories offer, for the QA host check
 * @param catalogNewest the newest version the catalog holds for the image, or null when it holds none; the new
 *                      version's id is always after it, even when the artifacts directory lost the versions it has
 */
public record BuildRequest(String image, Blueprint blueprint, QaSuite qaSuite, URI mirror, String mirrorState,
        List<String> guestSources, List<Manifest.Trigger> triggers, List<AdvisoryData> advisories,
        AvailableVersions available, ImageVersionId catalogNewest) {

    public BuildRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(blueprint, "blueprint");
        Objects.requireNonNull(mirrorState, "mirrorState");
        guestSources = List.copyOf(guestSources);
        boolean rpm = Distro.parse(blueprint.distro()).map(d -> d.family().scheme() == VersionScheme.RPM)
                .orElse(false);
        if (rpm && !guestSources.isEmpty()) {
            throw new IllegalArgumentException("image " + image + " is " + blueprint.distro() + ", which has no APT"
                    + " sources to install; got " + guestSources.size() + " guest source lines");
        }
        if (!rpm) {
            Objects.requireNonNull(mirror, "mirror");
        }
        triggers = List.copyOf(triggers);
        advisories = List.copyOf(advisories);
        available = available == null ? new AvailableVersions() : available;
    }
}
