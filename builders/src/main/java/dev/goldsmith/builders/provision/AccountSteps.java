package dev.goldsmith.builders.provision;

import dev.goldsmith.catalog.blueprint.Customizations.Group;
import dev.goldsmith.catalog.blueprint.Customizations.User;
import java.util.List;

/**
 * The {@code groups} and {@code users} steps: groups created unless they exist, users created with their home,
 * or changed when the image already has them, and each user's SSH key installed as their only authorized key.
 */
final class AccountSteps {

    private AccountSteps() {
    }

    static void addTo(PlanBuilder plan, List<Group> groups, List<User> users) {
        if (!groups.isEmpty()) {
            StringBuilder script = PlanBuilder.script("groups");
            for (Group group : groups) {
                String name = Shell.arg(group.name(), "group name");
                script.append("if ! getent group ").append(name).append(" >/dev/null; then\n")
                        .append("    groupadd").append(group.gid() == null ? "" : " -g " + Shell.quote(
                                group.gid().toString())).append(" -- ").append(name).append('\n')
                        .append("fi\n");
            }
            plan.step("groups", script);
        }
        if (!users.isEmpty()) {
            StringBuilder script = PlanBuilder.script("users");
            for (User user : users) {
                user(plan, script, user);
            }
            plan.step("users", script);
        }
    }

    private static void user(PlanBuilder plan, StringBuilder script, User user) {
        String name = Shell.arg(user.name(), "user name");
        String changes = options(user, true);
        script.append("if getent passwd ").append(name).append(" >/dev/null; then\n");
        if (!changes.isEmpty()) {
            script.append("    usermod").append(changes).append(" -- ").append(name).append('\n');
        } else {
            script.append("    :\n");
        }
        script.append("else\n")
                .append("    useradd -m").append(options(user, false)).append(" -- ").append(name).append('\n')
                .append("fi\n");
        if (user.key() != null) {
            String key = plan.ship(Shell.line(user.key().strip(), "SSH key") + "\n");
            script.append("home=$(getent passwd ").append(name).append(" | cut -d: -f6)\n")
                    .append("group=$(id -g ").append(name).append(")\n")
                    .append("install -d -m 0700 -o ").append(name).append(" -g \"$group\" -- \"$home/.ssh\"\n")
                    .append("install -m 0600 -o ").append(name).append(" -g \"$group\" -- ").append(key)
                    .append(" \"$home/.ssh/authorized_keys\"\n");
        }
    }

    /** Returns the options shared by useradd and usermod; usermod adds supplementary groups with -a. */
    private static String options(User user, boolean modify) {
        StringBuilder options = new StringBuilder();
        option(options, "-c", user.description());
        option(options, "-d", user.home());
        option(options, "-s", user.shell());
        option(options, "-u", user.uid() == null ? null : user.uid().toString());
        option(options, "-g", user.gid() == null ? null : user.gid().toString());
        if (user.groups() != null && !user.groups().isEmpty()) {
            options.append(modify ? " -a" : "");
            option(options, "-G", String.join(",", user.groups()));
        }
        option(options, "-p", user.password());
        return options.toString();
    }

    private static void option(StringBuilder options, String flag, String value) {
        if (value != null) {
            options.append(' ').append(flag).append(' ').append(Shell.quote(value));
        }
    }
}
