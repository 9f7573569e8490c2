package dev.goldsmith.builders.provision;

import java.util.List;

/**
 * What the provisioning disk of one build holds: the steps in the order they run, and the files they install.
 */
public record ProvisioningPlan(List<ProvisioningStep> steps, List<DiskFile> files) {

    public ProvisioningPlan {
        steps = List.copyOf(steps);
        files = List.copyOf(files);
    }

    /** Returns the step named {@code name}, or fails naming the steps there are. */
    public ProvisioningStep step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no step " + name + " among " + steps.stream()
                        .map(ProvisioningStep::name).toList()));
    }
}
