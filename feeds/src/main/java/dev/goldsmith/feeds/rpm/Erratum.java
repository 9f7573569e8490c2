package dev.goldsmith.feeds.rpm;

import java.util.List;

/**
 * One {@code <update>} of an updateinfo.xml as written, before any of it is interpreted. Every text may be null,
 * because the format lets publishers leave almost anything out.
 *
 * @param id         the erratum id, such as {@code ALSA-2024:3163}
 * @param type       {@code security}, {@code bugfix}, {@code enhancement}, {@code newpackage}, …
 * @param severity   {@code Critical}, {@code Important}, {@code Moderate}, {@code Low}, {@code None}, or anything
 * @param issued     the issued date as written, from its {@code date} attribute or its text
 * @param updated    the updated date as written, likewise
 * @param references the {@code <reference>} elements
 * @param packages   the packages of every collection in the pkglist
 */
record Erratum(
        String id,
        String type,
        String severity,
        String issued,
        String updated,
        List<Reference> references,
        List<Package> packages) {

    Erratum {
        references = List.copyOf(references);
        packages = List.copyOf(packages);
    }

    /** A {@code <reference>}: its {@code type} is {@code cve}, {@code bugzilla}, {@code self} or another word. */
    record Reference(String type, String id, String title, String href) {
    }

    /** A {@code <package>} of a pkglist collection: the version that carries the erratum's fix. */
    record Package(String name, String epoch, String version, String release, String arch, String src,
            String filename) {
    }
}
