package dev.goldsmith.builders.provision;

import dev.goldsmith.catalog.blueprint.Distro;
import dev.goldsmith.catalog.version.VersionScheme;

/** The package manager a distribution family provisions with. */
enum PackageManager {
    APT,
    DNF;

    static PackageManager of(Distro distro) {
        return distro.family().scheme() == VersionScheme.DPKG ? APT : DNF;
    }
}
