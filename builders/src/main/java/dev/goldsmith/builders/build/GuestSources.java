package dev.goldsmith.builders.build;

import dev.goldsmith.builders.provision.DiskFile;
import dev.goldsmith.builders.provision.ProvisioningPlan;
import dev.goldsmith.builders.provision.ProvisioningStep;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The APT sources a build VM installs from, one {@code deb URI SUITE COMPONENT...} line each: the host's own
 * sources for the image's release (its security and updates suites included), where a base bootstrapped from one
 * suite would otherwise see only that suite. They reach the guest as a file on the provisioning disk, installed as
 * {@code /etc/apt/sources.list} by a step that runs before all others.
 */
public final class GuestSources {

    /** The step's name, as the agent reports it. */
    public static final String STEP = "apt-sources";
    static final String FILE = "files/goldsmith-apt-sources.list";

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,99}");

    private GuestSources() {
    }

    /**
     * Returns the {@code deb} line for one suite.
     *
     * @throws IllegalArgumentException naming the value that cannot be one
     */
    public static String line(URI uri, String suite, List<String> components) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!List.of("http", "https").contains(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("APT source URI '" + uri + "' must be http or https with a host");
        }
        String text = uri.toString();
        for (char c : text.toCharArray()) {
            if (c <= ' ' || c > '~' || "\"'`\\<>[]{}|^".indexOf(c) >= 0) {
                throw new IllegalArgumentException("APT source URI '" + text + "' holds the character '" + c + "'");
            }
        }
        word(suite, "suite");
        if (components.isEmpty()) {
            throw new IllegalArgumentException("APT source " + text + " " + suite + " names no component");
        }
        components.forEach(c -> word(c, "component"));
        return "deb " + text + " " + suite + " " + String.join(" ", components);
    }

    /** Returns {@code plan} with a first step that installs {@code lines} as the guest's APT sources. */
    static ProvisioningPlan prepend(List<String> lines, ProvisioningPlan plan) {
        if (lines.isEmpty()) {
            return plan;
        }
        StringBuilder list = new StringBuilder("# Written by Goldsmith from the build host's APT sources.\n");
        for (String line : lines) {
            checked(line);
            list.append(line).append('\n');
        }
        String script = "#!/bin/sh\n"
                + "# Goldsmith: install the APT sources this build resolves packages from.\n"
                + "set -eu\n"
                + ": \"${GOLDSMITH_DISK:?the agent sets GOLDSMITH_DISK}\"\n"
                + "install -m 0644 -- \"$GOLDSMITH_DISK/" + FILE + "\" /etc/apt/sources.list\n";
        List<ProvisioningStep> steps = new ArrayList<>();
        steps.add(new ProvisioningStep(STEP, script));
        steps.addAll(plan.steps());
        List<DiskFile> files = new ArrayList<>(plan.files());
        files.add(new DiskFile(FILE, list.toString().getBytes(StandardCharsets.UTF_8)));
        return new ProvisioningPlan(steps, files);
    }

    /** Checks that {@code line} is one a {@link #line} call would make. */
    static void checked(String line) {
        String[] parts = line.split(" ");
        if (parts.length < 4 || !parts[0].equals("deb")) {
            throw new IllegalArgumentException("'" + line + "' is not a 'deb URI SUITE COMPONENT...' line");
        }
        try {
            String again = line(new URI(parts[1]), parts[2], List.of(parts).subList(3, parts.length));
            if (!again.equals(line)) {
                throw new IllegalArgumentException("'" + line + "' is not written as Goldsmith writes it");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + line + "': bad URI: " + e.getMessage(), e);
        }
    }

    private static void word(String value, String what) {
        if (value == null || !WORD.matcher(value).matches()) {
            throw new IllegalArgumentException("APT source " + what + " '" + value + "' must be letters, digits,"
                    + " '.', '_', '/' or '-'");
        }
    }
}
