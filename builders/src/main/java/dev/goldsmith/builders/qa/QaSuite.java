package dev.goldsmith.builders.qa;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An image's QA suite: the checks run inside a VM booted from each new version, in order, and the budgets the
 * host checks.
 *
 * @param name    the suite's name, as {@code qa-suites} in the configuration names it
 * @param checks  the checks, with unique names
 * @param budgets the limits on artifact size and boot time
 */
public record QaSuite(String name, List<QaCheck> checks, QaBudgets budgets) {

    public QaSuite {
        Objects.requireNonNull(name, "name");
        checks = List.copyOf(checks);
        Objects.requireNonNull(budgets, "budgets");
        Set<String> names = new HashSet<>();
        for (QaCheck check : checks) {
            if (!names.add(check.name())) {
                throw new IllegalArgumentException("QA suite " + name + " has two checks named '" + check.name()
                        + "'");
            }
        }
    }
}
