package dev.goldsmith.catalog.blueprint;

import dev.goldsmith.catalog.version.InvalidVersionException;
import dev.goldsmith.catalog.version.VersionScheme;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a blueprint's values must follow. Blueprint values end up in package manager arguments, in
 * {@code /etc/passwd}, in unit names, on the kernel command line (which the boot loader reads as a script) and
 * as paths inside the image, so every rule is an allow-list: a value is refused unless it has a shape known to
 * be harmless there. Each method returns null when the value is acceptable, otherwise the reason it is not.
 *
 * <p>The builder still passes values as argument lists, never through a shell; these rules are the second wall,
 * and they make a hostile blueprint fail at review time with a message instead of at build time in a VM.
 */
final class BlueprintRules {

    /** Debian Policy 5.6.1: lower case letters, digits, {@code + - .}, at least two, starting alphanumeric. */
    private static final Pattern DEBIAN_PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]+");

    /**
     * The Fedora and RHEL naming guidelines' characters. rpm itself accepts more, but no distribution ships
     * names outside this set, and a leading {@code -} would read as an option.
     */
    private static final Pattern RPM_PACKAGE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");

    /**
     * Version globs: the characters of dpkg and rpm versions ({@code ^} is rpm's snapshot marker) and {@code *}.
     * No spaces, quotes, brackets or {@code ?}, so a glob cannot become a second argument or a wider pattern.
     */
    private static final Pattern VERSION_GLOB = Pattern.compile("[A-Za-z0-9.+~:_^*][A-Za-z0-9.+~:_^*-]*");

    /** The portable shadow-utils user and group name, which useradd accepts without relaxed options. */
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z_][a-z0-9_-]*[$]?");

    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /**
     * Kernel arguments as they are written in practice ({@code console=ttyS0,115200n8},
     * {@code mitigations=auto,nosmt}). GRUB reads its configuration as a script, so {@code $ ; & | ` \ " '},
     * braces and newlines would let a blueprint run GRUB commands or hide a second menu entry.
     */
    private static final Pattern KERNEL_APPEND = Pattern.compile("[A-Za-z0-9 ._,:=/+@%-]*");

    /**
     * systemd unit names without escapes; the first character cannot be {@code -}, which systemctl would read as
     * an option.
     */
    private static final Pattern UNIT_NAME = Pattern.compile("[A-Za-z0-9@_.][A-Za-z0-9@._-]{0,254}");

    private static final Pattern FIREWALLD_SERVICE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private static final Pattern PORT = Pattern.compile("([0-9]{1,5})(-([0-9]{1,5}))?(:(tcp|udp|sctp|dccp))?");

    private static final Pattern MODE = Pattern.compile("0[0-7]{3,4}");

    private static final Pattern LANGUAGE = Pattern.compile(
            "(C|POSIX|[a-z]{2,3}(_[A-Z]{2})?)(\\.[A-Za-z0-9-]{1,20})?(@[a-z]{1,20})?");

    private static final Pattern KEYBOARD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private static final Pattern REPOSITORY_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}");

    /**
     * Image, pool, suite and channel names: they become Git paths and tag names, so no {@code /}, no leading
     * dot or hyphen and no {@code ..}.
     */
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,126}[A-Za-z0-9])?");

    private static final Pattern SUBSCRIBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,253}");

    /**
     * crypt(3) hashes: MD5 ({@code $1$}), SHA-256/512 ({@code $5$ $6$}, with optional {@code rounds=}),
     * yescrypt and gost-yescrypt ({@code $y$ $gy$}), scrypt ({@code $7$}) and bcrypt ({@code $2a$ $2b$ $2y$}).
     */
    private static final Pattern CRYPT_HASH = Pattern.compile(
            "\\$(1|5|6|y|gy|7|2[aby])\\$[./A-Za-z0-9$=,]{8,512}");

    private static final Set<String> SSH_KEY_TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    /**
     * Where {@code [[customizations.files]]} may write, as osbuild's own path policy has it (true allows the
     * tree, false denies it; the longest listed prefix decides). Kernel file systems ({@code /proc /sys /dev
     * /run}) are mounted over whatever the image holds there; {@code /bin /lib /sbin /usr} belong to packages,
     * which the next update would overwrite; {@code /boot} and {@code /efi} belong to the boot loader;
     * {@code /tmp} is cleared at boot; the account databases and {@code /etc/fstab} are written by user, group
     * and file system customizations and must not be replaced wholesale. {@code /etc/gshadow} is added here for
     * the same reason as {@code /etc/shadow}.
     */
    private static final Map<String, Boolean> FILE_POLICY = policy(List.of("/usr/local/bin", "/usr/local/sbin"),
            List.of("/bin", "/boot", "/dev", "/efi", "/etc/fstab", "/etc/group", "/etc/gshadow", "/etc/passwd",
                    "/etc/shadow", "/lib", "/lib64", "/lost+found", "/proc", "/run", "/sbin", "/sys", "/sysroot",
                    "/tmp", "/usr", "/var/run", "/var/tmp"));

    /** Where {@code [[customizations.directories]]} may create directories; osbuild's policy, as for files. */
    private static final Map<String, Boolean> DIRECTORY_POLICY = policy(List.of(),
            List.of("/bin", "/boot", "/dev", "/efi", "/lib", "/lib64", "/lost+found", "/proc", "/run", "/sbin",
                    "/sys", "/sysroot", "/tmp", "/usr", "/var/run", "/var/tmp"));

    private static final int MAX_PATH = 4096;
    private static final int MAX_PATH_COMPONENT = 255;
    private static final int MAX_ACCOUNT_NAME = 32;
    private static final int MAX_ID = 65534;
    private static final int MAX_TEXT = 1 << 20;

    private BlueprintRules() {
    }

    /**
     * Refuses NUL and control characters (C0, DEL and C1, which includes NEL) in any string; {@code multiline}
     * strings may hold newlines and tabs. A hidden newline would start a new line in {@code /etc/passwd}, a unit
     * file or the GRUB script, and control characters can hide text from whoever reviews the blueprint.
     */
    static String textProblem(String value, boolean multiline) {
        if (value.length() > MAX_TEXT) {
            return "is longer than " + MAX_TEXT + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = multiline && (c == '\n' || c == '\t');
            if (Character.isISOControl(c) && !allowed) {
                return String.format(Locale.ROOT, "contains control character U+%04X at offset %d", (int) c, i);
            }
        }
        return null;
    }

    /**
     * User descriptions become the GECOS field of {@code /etc/passwd}, where a colon would start the next field;
     * newlines are already refused for every single-line string.
     */
    static String userDescriptionProblem(String value) {
        return value.indexOf(':') < 0 ? null : "must not contain ':', which separates fields in /etc/passwd";
    }

    /** Blueprint names become file names and tag prefixes in the Git repository; see {@link #SIMPLE_NAME}. */
    static String nameProblem(String value) {
        return SIMPLE_NAME.matcher(value).matches() && !value.contains("..") ? null
                : "must be letters, digits, '.', '_' or '-', starting and ending with a letter or digit";
    }

    /** Blueprint versions are semantic versions so that they can be bumped the way osbuild bumps them. */
    static String semanticVersionProblem(String value) {
        return Blueprint.isSemanticVersion(value) ? null : "must be a MAJOR.MINOR.PATCH version such as 1.0.3";
    }

    /** Package names follow the distribution's own rules; see {@link #DEBIAN_PACKAGE} and {@link #RPM_PACKAGE}. */
    static String packageNameProblem(String value, VersionScheme scheme) {
        if (value.length() > 200) {
            return "is longer than 200 characters";
        }
        if (scheme == VersionScheme.DPKG) {
            return DEBIAN_PACKAGE.matcher(value).matches() ? null
                    : "is not a Debian package name: lower case letters, digits, '+', '-' and '.', at least two,"
                            + " starting with a letter or digit";
        }
        return RPM_PACKAGE.matcher(value).matches() ? null
                : "is not an RPM package name: letters, digits, '_', '.', '+' and '-', not starting with '-'";
    }

    /** Version globs stay within {@link #VERSION_GLOB}, so they are one word and never an option. */
    static String versionGlobProblem(String value) {
        return value.length() <= 200 && VERSION_GLOB.matcher(value).matches() ? null
                : "must be '*' or a version glob of letters, digits and . + ~ : _ ^ * - (not starting with '-')";
    }

    /** An exact pin must be a version the distribution's own ordering can parse, in the glob character set. */
    static String exactVersionProblem(String value, VersionScheme scheme) {
        String glob = versionGlobProblem(value);
        if (glob != null || value.contains("*")) {
            return "an exact version must use letters, digits and . + ~ : _ ^ - only";
        }
        try {
            scheme.validate(value);
            return null;
        } catch (InvalidVersionException e) {
            return e.getMessage();
        }
    }

    /** User and group names: see {@link #ACCOUNT_NAME}; 32 characters is the utmp limit useradd enforces. */
    static String accountNameProblem(String value) {
        if (value.length() > MAX_ACCOUNT_NAME) {
            return "is longer than " + MAX_ACCOUNT_NAME + " characters";
        }
        return ACCOUNT_NAME.matcher(value).matches() ? null
                : "must be a lower case letter or '_', then lower case letters, digits, '_' or '-' (optionally"
                        + " ending in '$')";
    }

    /**
     * Ids stay in 0..65534: 65535 is the 16-bit "no id" value. Id 0 is kept for the account named root: a second
     * account with uid or gid 0 is a root login under another name, the classic hidden backdoor.
     */
    static String idProblem(int id, String accountName) {
        if (id < 0 || id > MAX_ID) {
            return "must be between 0 and " + MAX_ID + ", was " + id;
        }
        if (id == 0 && !"root".equals(accountName)) {
            return "0 is reserved for root; another account with id 0 would be root under a second name";
        }
        return null;
    }

    /**
     * Paths inside the image: absolute and already normal, so what a reviewer reads is where the file lands.
     * No {@code .} or {@code ..} segments, no empty segments ({@code //}), no trailing {@code /}, no control
     * characters. Where the path may point is checked separately ({@link #filePathProblem},
     * {@link #directoryPathProblem}).
     *
     * <p>Symbolic links are not checked here: the builder applies paths inside the image root without following
     * links (enforced at apply time by the builder), so a link in the image cannot redirect a write outside it.
     */
    static String normalPathProblem(String value) {
        String text = textProblem(value, false);
        if (text != null) {
            return text;
        }
        if (!value.startsWith("/")) {
            return "must be an absolute path";
        }
        if (value.equals("/")) {
            return "must not be the root directory";
        }
        if (value.length() > MAX_PATH) {
            return "is longer than " + MAX_PATH + " characters";
        }
        if (value.endsWith("/")) {
            return "must not end with '/'";
        }
        for (String segment : value.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                return "must not contain '//'";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "must be normalised: no '.' or '..' segments";
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_COMPONENT) {
                return "has a component longer than " + MAX_PATH_COMPONENT + " bytes";
            }
        }
        return null;
    }

    /** Login shells and home directories must be normal paths, so that {@code /etc/passwd} says what it means. */
    static String accountPathProblem(String value) {
        return normalPathProblem(value);
    }

    /** Files must be normal paths that {@link #FILE_POLICY} allows. */
    static String filePathProblem(String value) {
        String problem = normalPathProblem(value);
        return problem != null ? problem : policyProblem(value, FILE_POLICY);
    }

    /** Directories must be normal paths that {@link #DIRECTORY_POLICY} allows. */
    static String directoryPathProblem(String value) {
        String problem = normalPathProblem(value);
        return problem != null ? problem : policyProblem(value, DIRECTORY_POLICY);
    }

    private static String policyProblem(String path, Map<String, Boolean> policy) {
        String prefix = path;
        while (true) {
            Boolean allowed = policy.get(prefix);
            if (allowed != null) {
                return allowed ? null : "is under " + prefix + ", which belongs to the operating system (osbuild's"
                        + " path policy)";
            }
            int slash = prefix.lastIndexOf('/');
            prefix = prefix.substring(0, Math.max(slash, 1));
        }
    }

    private static Map<String, Boolean> policy(List<String> allowed, List<String> denied) {
        Map<String, Boolean> policy = new HashMap<>();
        policy.put("/", true);
        allowed.forEach(path -> policy.put(path, true));
        denied.forEach(path -> policy.put(path, false));
        return Map.copyOf(policy);
    }

    /**
     * File and directory modes are octal strings with a leading zero. Files may not be set-user-ID or
     * set-group-ID: a blueprint has no business planting a file that raises privileges.
     */
    static String modeProblem(String value, boolean directory) {
        if (!MODE.matcher(value).matches()) {
            return "must be an octal mode such as 0644 (a 0 and three or four octal digits)";
        }
        int mode = Integer.parseInt(value, 8);
        if (!directory && (mode & 06000) != 0) {
            return "must not set the set-user-ID or set-group-ID bit on a file";
        }
        if (directory && (mode & 04000) != 0) {
            return "must not set the set-user-ID bit on a directory";
        }
        return null;
    }

    /** Host names follow RFC 1123: dot-separated labels of letters, digits and inner hyphens, 253 at most. */
    static String hostnameProblem(String value) {
        if (value.isEmpty() || value.length() > 253) {
            return "must be 1 to 253 characters";
        }
        for (String label : value.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return "is not an RFC 1123 host name: labels of letters, digits and inner '-', 1 to 63 each";
            }
        }
        return null;
    }

    /** NTP servers are host names or IP addresses; an IPv6 literal is checked by parsing it, which never resolves. */
    static String ntpServerProblem(String value) {
        if (IPV4.matcher(value).matches()) {
            return null;
        }
        if (IPV6.matcher(value).matches()) {
            try {
                InetAddress.getByName(value);
                return null;
            } catch (UnknownHostException e) {
                return "is not a valid IPv6 address";
            }
        }
        return hostnameProblem(value) == null ? null : "must be a host name or an IP address";
    }

    /**
     * Time zones must be region names from the tz database that Java knows, such as {@code Europe/Berlin}: the
     * name becomes a path under {@code /usr/share/zoneinfo}, and offsets such as {@code +02:00} have no file.
     */
    static String timezoneProblem(String value) {
        return ZoneId.getAvailableZoneIds().contains(value) ? null
                : "is not a known time zone (tz database names such as UTC or Europe/Berlin)";
    }

    /** See {@link #KERNEL_APPEND}. */
    static String kernelAppendProblem(String value) {
        return KERNEL_APPEND.matcher(value).matches() && value.length() <= 2048 ? null
                : "may hold only letters, digits, spaces and . _ , : = / + @ % - (no shell or GRUB metacharacters)";
    }

    /** See {@link #UNIT_NAME}. */
    static String serviceProblem(String value) {
        return UNIT_NAME.matcher(value).matches() ? null
                : "is not a systemd unit name: letters, digits and @ . _ -, not starting with '-'";
    }

    /** See {@link #FIREWALLD_SERVICE}. */
    static String firewallServiceProblem(String value) {
        return FIREWALLD_SERVICE.matcher(value).matches() ? null
                : "is not a firewalld service name: letters, digits and . _ -, not starting with '-'";
    }

    /** Ports are {@code N}, {@code N:proto} or {@code N-M:proto}, with ports from 1 to 65535 and N no more than M. */
    static String portProblem(String value) {
        var match = PORT.matcher(value);
        if (!match.matches() || (match.group(2) != null && match.group(4) == null)) {
            return "must be PORT, PORT:PROTOCOL or FIRST-LAST:PROTOCOL, with protocol tcp, udp, sctp or dccp";
        }
        int first = Integer.parseInt(match.group(1));
        int last = match.group(3) == null ? first : Integer.parseInt(match.group(3));
        if (first < 1 || last > 65535 || first > last) {
            return "must name ports from 1 to 65535, the first no higher than the last";
        }
        return null;
    }

    /** Locale names such as {@code en_US.UTF-8} or {@code C.UTF-8}. */
    static String languageProblem(String value) {
        return LANGUAGE.matcher(value).matches() ? null : "is not a locale name such as en_US.UTF-8";
    }

    /** Keyboard layouts such as {@code us} or {@code de-nodeadkeys}. */
    static String keyboardProblem(String value) {
        return KEYBOARD.matcher(value).matches() ? null : "is not a keyboard layout name such as us or de-nodeadkeys";
    }

    /**
     * Only crypt(3) hashes ({@link #CRYPT_HASH}): a plain-text password would be committed to Git and would be
     * readable by everyone who can read the blueprint.
     */
    static String passwordProblem(String value) {
        return CRYPT_HASH.matcher(value).matches() ? null
                : "must be a crypt(3) hash such as $6$... or $y$...; plain-text passwords are refused";
    }

    /**
     * One SSH public key: a known type, base64 whose decoded blob starts with the same type, and an optional
     * comment. Options ({@code command=...}, {@code from=...}) are refused, because in {@code authorized_keys}
     * they decide what a login runs.
     */
    static String sshKeyProblem(String value) {
        String[] parts = value.strip().split(" +", 3);
        if (parts.length < 2 || !SSH_KEY_TYPES.contains(parts[0])) {
            return "must start with a key type (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521, sk-...)"
                    + " followed by the key; options are not allowed";
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return "has a key that is not valid base64";
        }
        byte[] type = parts[0].getBytes(StandardCharsets.US_ASCII);
        if (blob.length < 4 + type.length) {
            return "has a key too short to be a " + parts[0] + " key";
        }
        int length = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        String blobType = new String(blob, 4, Math.min(Math.max(length, 0), blob.length - 4),
                StandardCharsets.US_ASCII);
        if (length != type.length || !blobType.equals(parts[0])) {
            return "has a key whose encoded type does not match " + parts[0];
        }
        return null;
    }

    /**
     * Repository URLs are http or https with a host and no user information: {@code file:} would read the
     * builder's own disk, other schemes reach things the builder should not, and credentials must not sit in Git.
     */
    static String repositoryUrlProblem(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL";
        }
        if (uri.getHost() == null) {
            return "must name a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry user information; credentials do not belong in a blueprint";
        }
        return null;
    }

    /** Repository ids name a {@code .repo} section or a sources file, so they are one safe word. */
    static String repositoryIdProblem(String value) {
        return REPOSITORY_ID.matcher(value).matches() ? null
                : "must be letters, digits and _ . : -, not starting with '-'";
    }

    /**
     * GPG keys are given as armored public key blocks, so the key that is trusted is the one reviewed in Git and
     * not whatever a URL serves on the day of the build.
     */
    static String gpgKeyProblem(String value) {
        String key = value.strip();
        boolean armored = key.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----")
                && key.endsWith("-----END PGP PUBLIC KEY BLOCK-----")
                && key.indexOf("-----BEGIN", 1) < 0;
        return armored ? null : "must be one ASCII-armored PGP public key block";
    }

    /** Goldsmith's image, pool, suite, channel and subscriber names: see {@link #SIMPLE_NAME}. */
    static String simpleNameProblem(String value) {
        return nameProblem(value);
    }

    /** Subscribers are team names or e-mail addresses: one word, never an option or a path. */
    static String subscriberProblem(String value) {
        return SUBSCRIBER.matcher(value).matches() ? null
                : "must be a team name or an e-mail address: letters, digits and . _ @ + -, starting alphanumeric";
    }

    /** A base is an image name or an absolute normalised path to a base artifact. */
    static String baseProblem(String value) {
        return value.startsWith("/") ? normalPathProblem(value) : simpleNameProblem(value);
    }
}
