package dev.goldsmith.builders.qa;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One named check of a QA suite, run inside the guest booted from the new image. Each kind is a record; its
 * values reach the guest only as single-quoted shell literals (see {@link QaScript}).
 */
public sealed interface QaCheck {

    /** Returns the check's name, unique in its suite; it names the JUnit test case. */
    String name();

    /** Returns the kind of check. */
    Kind kind();

    /** The kinds of check, each with the key that introduces it in a suite file. */
    enum Kind {
        TARGET_REACHED("target-reached"),
        PACKAGE_INSTALLED("package-installed"),
        SERVICE_ACTIVE("service-active"),
        FILE_CONTAINS("file-contains"),
        PORT_LISTENING("port-listening"),
        USER_EXISTS("user-exists"),
        GROUP_EXISTS("group-exists"),
        COMMAND("command"),
        SSHD_SETTING("sshd-setting");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** Returns the key as a suite file writes it, such as {@code service-active}. */
        public String key() {
            return key;
        }

        /** Returns the kind whose key is {@code key}, or null when there is none. */
        public static Kind ofKey(String key) {
            for (Kind kind : values()) {
                if (kind.key.equals(key)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** The transport protocol of a listening port. */
    enum Protocol {
        TCP, UDP;

        /** Returns the name as a suite file writes it: {@code tcp} or {@code udp}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Passes when the systemd target, such as {@code multi-user.target}, has been reached. */
    record TargetReached(String name, String target) implements QaCheck {

        public TargetReached {
            requireText(name, "name");
            requireText(target, "target");
        }

        @Override
        public Kind kind() {
            return Kind.TARGET_REACHED;
        }
    }

    /**
     * Passes when the package is installed and, with {@code atLeast}, at that version or newer in the
     * distribution's own ordering; the host compares versions, since the guest has no rpm comparator.
     *
     * @param atLeast the oldest acceptable version, or null for any
     */
    record PackageInstalled(String name, String packageName, String atLeast) implements QaCheck {

        public PackageInstalled {
            requireText(name, "name");
            requireText(packageName, "packageName");
            if (atLeast != null) {
                requireText(atLeast, "atLeast");
            }
        }

        @Override
        public Kind kind() {
            return Kind.PACKAGE_INSTALLED;
        }
    }

    /** Passes when systemd reports the unit active. */
    record ServiceActive(String name, String service) implements QaCheck {

        public ServiceActive {
            requireText(name, "name");
            requireText(service, "service");
        }

        @Override
        public Kind kind() {
            return Kind.SERVICE_ACTIVE;
        }
    }

    /** Passes when a line of the regular file at the absolute {@code path} contains {@code text} literally. */
    record FileContains(String name, String path, String text) implements QaCheck {

        public FileContains {
            requireText(name, "name");
            requireText(path, "path");
            requireText(text, "text");
        }

        @Override
        public Kind kind() {
            return Kind.FILE_CONTAINS;
        }
    }

    /** Passes when a socket listens on the port (TCP) or is bound to it (UDP), on any address. */
    record PortListening(String name, Protocol protocol, int port) implements QaCheck {

        public PortListening {
            requireText(name, "name");
            Objects.requireNonNull(protocol, "protocol");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("a port runs from 1 to 65535, was " + port);
            }
        }

        @Override
        public Kind kind() {
            return Kind.PORT_LISTENING;
        }
    }

    /** Passes when the user account exists. */
    record UserExists(String name, String user) implements QaCheck {

        public UserExists {
            requireText(name, "name");
            requireText(user, "user");
        }

        @Override
        public Kind kind() {
            return Kind.USER_EXISTS;
        }
    }

    /** Passes when the group exists. */
    record GroupExists(String name, String group) implements QaCheck {

        public GroupExists {
            requireText(name, "name");
            requireText(group, "group");
        }

        @Override
        public Kind kind() {
            return Kind.GROUP_EXISTS;
        }
    }

    /**
     * Passes when the program exits 0 within the timeout. The argument list runs as it is, never through a shell.
     *
     * @param argv    the program and its arguments
     * @param timeout how long it may run, at least a second
     */
    record Command(String name, List<String> argv, Duration timeout) implements QaCheck {

        /** How long a command may run when the suite does not say. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

        public Command {
            requireText(name, "name");
            argv = List.copyOf(argv);
            if (argv.isEmpty() || argv.get(0).isEmpty()) {
                throw new IllegalArgumentException("a command needs a program to run, was " + argv);
            }
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("a command's timeout is at least 1s, was " + timeout);
            }
        }

        @Override
        public Kind kind() {
            return Kind.COMMAND;
        }
    }

    /**
     * Passes when {@code sshd -T} reports {@code key} with {@code value}; both are compared without regard to
     * case, as sshd treats keywords and prints yes/no in lower case.
     */
    record SshdSetting(String name, String key, String value) implements QaCheck {

        public SshdSetting {
            requireText(name, "name");
            requireText(key, "key");
            requireText(value, "value");
        }

        @Override
        public Kind kind() {
            return Kind.SSHD_SETTING;
        }
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + " must not contain a NUL character");
        }
    }
}
