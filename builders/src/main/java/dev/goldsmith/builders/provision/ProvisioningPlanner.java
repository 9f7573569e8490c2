package dev.goldsmith.builders.provision;

import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.Customizations;
import dev.goldsmith.catalog.blueprint.Distro;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns a blueprint into its provisioning steps, in the order they run: repositories, packages, groups, users,
 * files, system settings, services, firewall and cleanup. Steps with nothing to do are left out; packages and
 * cleanup always run, so every build brings the image's packages to the newest versions and leaves no build
 * traces behind.
 *
 * <p>Expects a blueprint that {@code BlueprintReader} accepted. Values still reach scripts only single-quoted;
 * a value that cannot be made safe where it goes (a line end in a configuration file, a name starting with
 * {@code -}) fails with {@link IllegalArgumentException} naming it.
 */
public final class ProvisioningPlanner {

    private ProvisioningPlanner() {
    }

    /** Returns the provisioning plan of {@code blueprint}. */
    public static ProvisioningPlan plan(Blueprint blueprint) {
        Distro distro = Distro.parse(blueprint.distro()).orElseThrow(() -> new IllegalArgumentException(
                "blueprint " + blueprint.name() + " has unknown distro '" + blueprint.distro() + "'"));
        PackageManager manager = PackageManager.of(distro);
        Customizations c = blueprint.customizations();
        PlanBuilder plan = new PlanBuilder();

        RepositorySteps.addTo(plan, distro, c.repositories());
        Set<String> extra = new LinkedHashSet<>(SystemSteps.packagesNeeded(manager, c));
        if (manager == PackageManager.APT && FirewallSteps.wanted(c.firewall())) {
            extra.add("nftables");
        }
        PackageSteps.addTo(plan, manager, blueprint.packages(), blueprint.groups(), extra);
        AccountSteps.addTo(plan, c.groups(), c.users());
        FileSteps.addTo(plan, c.directories(), c.files());
        SystemSteps.addTo(plan, manager, c);
        ServiceSteps.addTo(plan, c.services());
        FirewallSteps.addTo(plan, manager, c.firewall());
        CleanupStep.addTo(plan, manager);
        return plan.build();
    }
}
