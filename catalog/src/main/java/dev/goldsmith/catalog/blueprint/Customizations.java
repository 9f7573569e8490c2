package dev.goldsmith.catalog.blueprint;

import java.util.List;

/**
 * The {@code [customizations]} table of a blueprint. A table the blueprint leaves out is null; a list it leaves
 * out is empty. {@link BlueprintReader} checks every value against the rules in {@link BlueprintRules}.
 *
 * @param hostname the image's host name ({@code hostname})
 * @param kernelAppend extra kernel command line arguments ({@code [customizations.kernel] append})
 * @param timezone time zone and NTP servers ({@code [customizations.timezone]})
 * @param locale languages and keyboard layout ({@code [customizations.locale]})
 * @param users accounts to create or change ({@code [[customizations.user]]})
 * @param groups groups to create ({@code [[customizations.group]]})
 * @param services systemd units to enable and disable ({@code [customizations.services]})
 * @param firewall ports and firewalld services ({@code [customizations.firewall]})
 * @param files files to write ({@code [[customizations.files]]})
 * @param directories directories to create ({@code [[customizations.directories]]})
 * @param repositories extra package repositories ({@code [[customizations.repositories]]})
 */
public record Customizations(String hostname, String kernelAppend, Timezone timezone, Locale locale,
        List<User> users, List<Group> groups, Services services, Firewall firewall, List<FileNode> files,
        List<DirectoryNode> directories, List<Repository> repositories) {

    /** Customizations that change nothing. */
    public static final Customizations NONE = new Customizations(null, null, null, null, List.of(), List.of(),
            null, null, List.of(), List.of(), List.of());

    public Customizations {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        files = List.copyOf(files);
        directories = List.copyOf(directories);
        repositories = List.copyOf(repositories);
    }

    /** Returns true when nothing is customised. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The {@code [customizations.timezone]} table; either field may be null. */
    public record Timezone(String timezone, List<String> ntpServers) {
        public Timezone {
            ntpServers = ntpServers == null ? null : List.copyOf(ntpServers);
        }
    }

    /** The {@code [customizations.locale]} table; either field may be null. */
    public record Locale(List<String> languages, String keyboard) {
        public Locale {
            languages = languages == null ? null : List.copyOf(languages);
        }
    }

    /**
     * One {@code [[customizations.user]]} entry. Only {@code name} is required.
     *
     * @param password a crypt(3) hash, never plain text
     * @param key one SSH public key for {@code authorized_keys}
     */
    public record User(String name, String description, String password, String key, String home, String shell,
            List<String> groups, Integer uid, Integer gid) {
        public User {
            groups = groups == null ? null : List.copyOf(groups);
        }
    }

    /** One {@code [[customizations.group]]} entry; {@code gid} may be null. */
    public record Group(String name, Integer gid) {
    }

    /** The {@code [customizations.services]} table; either list may be null. */
    public record Services(List<String> enabled, List<String> disabled) {
        public Services {
            enabled = enabled == null ? null : List.copyOf(enabled);
            disabled = disabled == null ? null : List.copyOf(disabled);
        }
    }

    /**
     * The {@code [customizations.firewall]} table.
     *
     * @param ports ports to open, such as {@code 22:tcp} or {@code 60000-61000:udp}; may be null
     * @param services the {@code [customizations.firewall.services]} table; may be null
     */
    public record Firewall(List<String> ports, Services services) {
        public Firewall {
            ports = ports == null ? null : List.copyOf(ports);
        }
    }

    /**
     * One {@code [[customizations.files]]} entry. {@code user} and {@code group} are names, or decimal ids when
     * the blueprint gave integers.
     */
    public record FileNode(String path, String mode, String user, String group, String data) {
    }

    /** One {@code [[customizations.directories]]} entry. */
    public record DirectoryNode(String path, String mode, String user, String group, Boolean ensureParents) {
    }

    /**
     * One {@code [[customizations.repositories]]} entry.
     *
     * @param gpgKeys ASCII-armored public key blocks
     */
    public record Repository(String id, String name, List<String> baseUrls, String metalink, String mirrorlist,
            List<String> gpgKeys, Boolean gpgCheck, Boolean repoGpgCheck, Boolean enabled, Integer priority,
            Boolean sslVerify) {
        public Repository {
            baseUrls = baseUrls == null ? null : List.copyOf(baseUrls);
            gpgKeys = gpgKeys == null ? null : List.copyOf(gpgKeys);
        }
    }
}
