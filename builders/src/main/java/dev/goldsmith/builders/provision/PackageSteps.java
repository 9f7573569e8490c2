package dev.goldsmith.builders.provision;

import dev.goldsmith.catalog.blueprint.PackageSpec;
import java.util.Collection;
import java.util.List;

/**
 * The {@code packages} step: every installed package brought to the newest version the repositories offer, then
 * the blueprint's packages and groups installed, each at its newest version unless the blueprint pins one.
 */
final class PackageSteps {

    private static final String APT_GET = "apt-get -y -o Dpkg::Options::=--force-confdef"
            + " -o Dpkg::Options::=--force-confold";

    private PackageSteps() {
    }

    /**
     * @param extra packages other customizations need (nftables for a firewall, locales), installed at newest
     */
    static void addTo(PlanBuilder plan, PackageManager manager, List<PackageSpec> packages,
            List<PackageSpec> groups, Collection<String> extra) {
        StringBuilder script = PlanBuilder.script("packages");
        StringBuilder wanted = new StringBuilder();
        for (PackageSpec spec : packages) {
            wanted.append(' ').append(Shell.arg(requested(manager, spec), "package"));
        }
        for (String name : extra) {
            wanted.append(' ').append(Shell.arg(name, "package"));
        }
        if (manager == PackageManager.APT) {
            // Debian has no package groups; its tasks (name^) are the nearest thing.
            groups.forEach(g -> wanted.append(' ').append(Shell.arg(g.name() + "^", "package group")));
            script.append("export DEBIAN_FRONTEND=noninteractive\n")
                    .append("apt-get update || { sleep 10; apt-get update; }\n")
                    .append(APT_GET).append(" upgrade\n");
            if (wanted.length() > 0) {
                script.append(APT_GET).append(" install --no-install-recommends").append(wanted).append('\n');
            }
        } else {
            script.append("dnf -y upgrade\n");
            if (wanted.length() > 0) {
                script.append("dnf -y install").append(wanted).append('\n');
            }
            for (PackageSpec group : groups) {
                script.append("dnf -y group install ").append(Shell.arg(group.name(), "package group")).append('\n');
            }
        }
        plan.step("packages", script);
    }

    /** Returns {@code name}, or with its version as the package manager spells a pin: apt's = or dnf's -. */
    static String requested(PackageManager manager, PackageSpec spec) {
        if (PackageSpec.ANY_VERSION.equals(spec.version()) || spec.version().isEmpty()) {
            return spec.name();
        }
        return spec.name() + (manager == PackageManager.APT ? "=" : "-") + spec.version();
    }
}
