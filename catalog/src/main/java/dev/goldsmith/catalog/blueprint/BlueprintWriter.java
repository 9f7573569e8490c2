package dev.goldsmith.catalog.blueprint;

import java.util.List;

/**
 * Writes a blueprint as osbuild-compatible TOML that {@link BlueprintReader} reads back to an equal blueprint.
 * Tables come in a fixed order, so that successive commits of one blueprint differ only where it changed.
 *
 * <p>Comments in the file the blueprint was read from are not kept: the model does not hold them.
 * TODO(goldsmith): carry the original text's comments over when rewriting a human-edited blueprint.
 */
public final class BlueprintWriter {

    private BlueprintWriter() {
    }

    /** Returns {@code blueprint} as TOML text. */
    public static String write(Blueprint blueprint) {
        Toml toml = new Toml();
        toml.string("name", blueprint.name());
        toml.string("description", blueprint.description());
        toml.string("version", blueprint.version());
        toml.string("distro", blueprint.distro());
        packages(toml, "packages", blueprint.packages());
        packages(toml, "groups", blueprint.groups());
        customizations(toml, blueprint.customizations());
        goldsmith(toml, blueprint.goldsmith());
        return toml.text.toString();
    }

    private static void packages(Toml toml, String key, List<PackageSpec> specs) {
        for (PackageSpec spec : specs) {
            toml.header("[[" + key + "]]");
            toml.string("name", spec.name());
            toml.string("version", spec.version());
        }
    }

    private static void customizations(Toml toml, Customizations c) {
        if (c.isEmpty()) {
            return;
        }
        toml.header("[customizations]");
        toml.string("hostname", c.hostname());
        if (c.kernelAppend() != null) {
            toml.header("[customizations.kernel]");
            toml.string("append", c.kernelAppend());
        }
        if (c.timezone() != null) {
            toml.header("[customizations.timezone]");
            toml.string("timezone", c.timezone().timezone());
            toml.strings("ntpservers", c.timezone().ntpServers());
        }
        if (c.locale() != null) {
            toml.header("[customizations.locale]");
            toml.strings("languages", c.locale().languages());
            toml.string("keyboard", c.locale().keyboard());
        }
        for (Customizations.User user : c.users()) {
            toml.header("[[customizations.user]]");
            toml.string("name", user.name());
            toml.string("description", user.description());
            toml.string("password", user.password());
            toml.string("key", user.key());
            toml.string("home", user.home());
            toml.string("shell", user.shell());
            toml.strings("groups", user.groups());
            toml.integer("uid", user.uid());
            toml.integer("gid", user.gid());
        }
        for (Customizations.Group group : c.groups()) {
            toml.header("[[customizations.group]]");
            toml.string("name", group.name());
            toml.integer("gid", group.gid());
        }
        services(toml, "customizations.services", c.services());
        if (c.firewall() != null) {
            toml.header("[customizations.firewall]");
            toml.strings("ports", c.firewall().ports());
            services(toml, "customizations.firewall.services", c.firewall().services());
        }
        files(toml, c.files());
        for (Customizations.DirectoryNode directory : c.directories()) {
            toml.header("[[customizations.directories]]");
            toml.string("path", directory.path());
            toml.string("mode", directory.mode());
            toml.owner("user", directory.user());
            toml.owner("group", directory.group());
            toml.bool("ensure_parents", directory.ensureParents());
        }
        repositories(toml, c.repositories());
    }

    private static void services(Toml toml, String table, Customizations.Services services) {
        if (services != null) {
            toml.header("[" + table + "]");
            toml.strings("enabled", services.enabled());
            toml.strings("disabled", services.disabled());
        }
    }

    private static void files(Toml toml, List<Customizations.FileNode> files) {
        for (Customizations.FileNode file : files) {
            toml.header("[[customizations.files]]");
            toml.string("path", file.path());
            toml.string("mode", file.mode());
            toml.owner("user", file.user());
            toml.owner("group", file.group());
            toml.string("data", file.data());
        }
    }

    private static void repositories(Toml toml, List<Customizations.Repository> repositories) {
        for (Customizations.Repository repository : repositories) {
            toml.header("[[customizations.repositories]]");
            toml.string("id", repository.id());
            toml.string("name", repository.name());
            toml.strings("baseurls", repository.baseUrls());
            toml.string("metalink", repository.metalink());
            toml.string("mirrorlist", repository.mirrorlist());
            toml.strings("gpgkeys", repository.gpgKeys());
            toml.bool("gpgcheck", repository.gpgCheck());
            toml.bool("repo_gpgcheck", repository.repoGpgCheck());
            toml.bool("enabled", repository.enabled());
            toml.integer("priority", repository.priority());
            toml.bool("sslverify", repository.sslVerify());
        }
    }

    private static void goldsmith(Toml toml, GoldsmithSettings settings) {
        if (settings.isEmpty()) {
            return;
        }
        toml.header("[goldsmith]");
        toml.string("base", settings.base());
        toml.string("parent", settings.parent());
        toml.string("builder-pool", settings.builderPool());
        toml.string("qa-suite", settings.qaSuite());
        if (!settings.channels().isEmpty()) {
            toml.strings("channels", settings.channels());
        }
        if (!settings.subscribers().isEmpty()) {
            toml.strings("subscribers", settings.subscribers());
        }
    }

    /** The TOML text being written; absent (null) values write nothing. */
    private static final class Toml {

        private final StringBuilder text = new StringBuilder();

        void header(String header) {
            text.append(text.length() == 0 ? "" : "\n").append(header).append('\n');
        }

        void string(String key, String value) {
            if (value != null) {
                text.append(key).append(" = ").append(quote(value)).append('\n');
            }
        }

        void strings(String key, List<String> values) {
            if (values == null) {
                return;
            }
            text.append(key).append(" = [");
            for (int i = 0; i < values.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
            }
            text.append("]\n");
        }

        void integer(String key, Integer value) {
            if (value != null) {
                text.append(key).append(" = ").append(value).append('\n');
            }
        }

        void bool(String key, Boolean value) {
            if (value != null) {
                text.append(key).append(" = ").append(value).append('\n');
            }
        }

        /** Writes an owner as an integer when it is a numeric id, else as a name. */
        void owner(String key, String value) {
            if (value != null && !value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                text.append(key).append(" = ").append(value).append('\n');
            } else {
                string(key, value);
            }
        }

        /**
         * Returns {@code value} as a TOML string: a multi-line basic string when it spans lines, so that file
         * contents stay readable in Git diffs, else a basic string. Backslashes, quotes and control characters
         * are escaped in both.
         */
        private static String quote(String value) {
            boolean multiline = value.indexOf('\n') >= 0;
            StringBuilder quoted = new StringBuilder(multiline ? "\"\"\"\n" : "\"");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> quoted.append("\\\\");
                    case '"' -> quoted.append("\\\"");
                    case '\n' -> quoted.append(multiline ? "\n" : "\\n");
                    case '\t' -> quoted.append(multiline ? "\t" : "\\t");
                    default -> {
                        if (c < 0x20 || c == 0x7f) {
                            quoted.append(String.format("\\u%04X", (int) c));
                        } else {
                            quoted.append(c);
                        }
                    }
                }
            }
            return quoted.append(multiline ? "\"\"\"" : "\"").toString();
        }
    }
}
