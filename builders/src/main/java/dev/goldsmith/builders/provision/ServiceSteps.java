package dev.goldsmith.builders.provision;

import dev.goldsmith.catalog.blueprint.Customizations.Services;

/** The {@code services} step: systemd units enabled, then disabled, as the blueprint lists them. */
final class ServiceSteps {

    private ServiceSteps() {
    }

    static void addTo(PlanBuilder plan, Services services) {
        if (services == null || (empty(services.enabled()) && empty(services.disabled()))) {
            return;
        }
        StringBuilder script = PlanBuilder.script("services");
        if (!empty(services.enabled())) {
            services.enabled().forEach(unit -> script.append("systemctl enable -- ")
                    .append(Shell.arg(unit, "service")).append('\n'));
        }
        if (!empty(services.disabled())) {
            services.disabled().forEach(unit -> script.append("systemctl disable -- ")
                    .append(Shell.arg(unit, "service")).append('\n'));
        }
        plan.step("services", script);
    }

    private static boolean empty(java.util.List<String> list) {
        return list == null || list.isEmpty();
    }
}
