package dev.goldsmith.builders.provision;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects steps and shipped files while a {@link ProvisioningPlanner} works through a blueprint. */
final class PlanBuilder {

    private final List<ProvisioningStep> steps = new ArrayList<>();
    private final List<DiskFile> files = new ArrayList<>();

    /** Starts a script with the header every step shares. */
    static StringBuilder script(String stepName) {
        return new StringBuilder("#!/bin/sh\n")
                .append("# Goldsmith provisioning step '").append(stepName).append("', generated from a blueprint.\n")
                .append("set -eu\n")
                .append(": \"${GOLDSMITH_DISK:?the agent sets GOLDSMITH_DISK}\"\n");
    }

    void step(String name, StringBuilder script) {
        steps.add(new ProvisioningStep(name, script.toString()));
    }

    /** Ships {@code content} as the next numbered file and returns the script expression of its path. */
    String ship(byte[] content) {
        String path = String.format(Locale.ROOT, "files/%04d", files.size() + 1);
        files.add(new DiskFile(path, content));
        return "\"$GOLDSMITH_DISK/" + path + "\"";
    }

    String ship(String content) {
        return ship(content.getBytes(StandardCharsets.UTF_8));
    }

    ProvisioningPlan build() {
        return new ProvisioningPlan(steps, files);
    }
}
