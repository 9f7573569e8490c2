package dev.goldsmith.builders.provision;

import java.util.Objects;

/**
 * One provisioning step: a POSIX shell script the agent runs in the guest, as root, with {@code GOLDSMITH_DISK}
 * set to where the provisioning disk is mounted.
 *
 * @param name   the step's name as results report it, such as {@code packages}
 * @param script the whole script
 */
public record ProvisioningStep(String name, String script) {

    public ProvisioningStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
    }
}
