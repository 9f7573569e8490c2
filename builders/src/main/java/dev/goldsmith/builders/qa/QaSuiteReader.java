package dev.goldsmith.builders.qa;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.goldsmith.catalog.version.InvalidVersionException;
import dev.goldsmith.catalog.version.VersionScheme;

/**
 * Reads a QA suite from YAML. The file is either a bare list of checks, or a mapping with {@code checks:} and the
 * optional {@code budgets:} ({@code artifact-size}, {@code boot-time}). Each check is a mapping with a
 * {@code name} and exactly one kind key:
 *
 * <pre>
 * - name: boots to the multi-user target
 *   target-reached: multi-user.target
 * - name: openssh-server is recent
 *   package-installed: {name: openssh-server, at-least: "1:9.2p1-2+deb12u3"}   # or just the name
 * - name: SSH server is running
 *   service-active: ssh
 * - name: password logins are off
 *   file-contains: {path: /etc/ssh/sshd_config, text: PasswordAuthentication no}
 * - name: SSH listens
 *   port-listening: 22                       # or {port: 53, protocol: udp}
 * - name: admin exists
 *   user-exists: admin                       # group-exists likewise
 * - name: resolver answers
 *   command: [getent, hosts, localhost]      # or {argv: [...], timeout: 30s}
 * - name: sshd refuses passwords
 *   sshd-setting: {key: PasswordAuthentication, value: "no"}
 * </pre>
 *
 * <p>Every problem in the file is collected and reported at once, each with the check's index, its name and the
 * field.
 */
public final class QaSuiteReader {

    /** Suites are small text files kept in Git; anything this large is a mistake. */
    private static final long MAX_FILE_BYTES = 1L << 20;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** rpm's package name characters, which include Debian's; no leading {@code -}, no glob characters. */
    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");
    /** systemd unit names without escapes; the first character cannot be {@code -}. */
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9@_.][A-Za-z0-9@._:-]{0,254}");
    /** User and group names as distributions create them ({@code _apt}, {@code Debian-exim}, machine accounts). */
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,255}[$]?");
    private static final Pattern SSHD_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(B|KiB|MiB|GiB|TiB|kB|KB|MB|GB|TB)?");
    private static final Pattern DURATION_PARTS = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h))+");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private QaSuiteReader() {
    }

    /**
     * Returns the suite in the UTF-8 file {@code file}, named after the file without its {@code .yaml} or
     * {@code .yml} extension.
     *
     * @throws QaSuiteException listing every problem, or the one reason the file could not be read
     */
    public static QaSuite read(Path file) throws QaSuiteException {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw single(file.toString(), "is larger than " + MAX_FILE_BYTES + " bytes");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw single(file.toString(), "is not valid UTF-8");
        } catch (IOException e) {
            throw single(file.toString(), "cannot be read: " + e);
        }
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return parse(text, file.toString(), name);
    }

    /**
     * Returns the suite written in {@code yaml}; {@code source} names where it came from in problems.
     *
     * @throws QaSuiteException listing every problem found
     */
    public static QaSuite parse(String yaml, String source, String suiteName) throws QaSuiteException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            String at = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw single(source, "is not valid YAML: " + e.getOriginalMessage() + at);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw single(source, "is empty; expected a list of checks, or a mapping with checks and budgets");
        }
        Walk walk = new Walk(source);
        QaSuite suite = walk.suite(root, suiteName);
        if (!walk.problems.isEmpty()) {
            throw new QaSuiteException(walk.problems);
        }
        return suite;
    }

    private static QaSuiteException single(String source, String reason) {
        return new QaSuiteException(List.of(new QaSuiteProblem(source, "", reason)));
    }

    /** One pass over one tree, collecting problems. */
    private static final class Walk {

        private final String source;
        private final List<QaSuiteProblem> problems = new ArrayList<>();

        Walk(String source) {
            this.source = source;
        }

        QaSuite suite(JsonNode root, String suiteName) {
            JsonNode checksNode = root;
            QaBudgets budgets = QaBudgets.NONE;
            if (root.isObject()) {
                onlyKeys(root, "", List.of("checks", "budgets"));
                checksNode = root.get("checks");
                if (checksNode == null) {
                    problem("", "has no checks: expected a list under 'checks'");
                    checksNode = YAML.createArrayNode();
                }
                if (root.has("budgets")) {
                    budgets = budgets(root.get("budgets"));
                }
            }
            if (!checksNode.isArray()) {
                problem(root.isObject() ? "checks" : "", "expected a list of checks, found " + describe(checksNode));
                return null;
            }
            if (checksNode.isEmpty()) {
                problem(root.isObject() ? "checks" : "", "has no checks; a suite needs at least one");
            }
            List<QaCheck> checks = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < checksNode.size(); i++) {
                QaCheck check = check(i, checksNode.get(i), seen);
                if (check != null) {
                    checks.add(check);
                }
            }
            return problems.isEmpty() ? new QaSuite(suiteName, checks, budgets) : null;
        }

        private QaBudgets budgets(JsonNode node) {
            if (!node.isObject()) {
                problem("budgets", "expected a mapping with artifact-size and boot-time, found " + describe(node));
                return QaBudgets.NONE;
            }
            onlyKeys(node, "budgets", List.of("artifact-size", "boot-time"));
            Long size = node.has("artifact-size") ? size(node.get("artifact-size"), "budgets.artifact-size") : null;
            Duration boot = node.has("boot-time") ? duration(node.get("boot-time"), "budgets.boot-time") : null;
            return new QaBudgets(size, boot);
        }

        private QaCheck check(int index, JsonNode node, Map<String, Integer> seen) {
            String where = "checks[" + index + "]";
            if (!node.isObject()) {
                problem(where, "expected a mapping with a name and one kind of check, found " + describe(node));
                return null;
            }
            String name = null;
            JsonNode nameNode = node.get("name");
            if (nameNode == null) {
                problem(where, "has no name");
            } else if (!nameNode.isTextual() || nameNode.asText().isBlank()) {
                problem(where + ".name", "expected text, found " + describe(nameNode));
            } else {
                name = nameNode.asText();
                if (name.indexOf('\0') >= 0) {
                    problem(where + ".name", "contains a NUL character");
                    name = null;
                } else {
                    Integer first = seen.putIfAbsent(name, index);
                    if (first != null) {
                        problem(where + " '" + name + "'", "duplicate name: checks[" + first + "] has it too");
                    }
                }
                where = where + " '" + name + "'";
            }
            List<QaCheck.Kind> kinds = new ArrayList<>();
            boolean unknownKeys = false;
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                QaCheck.Kind kind = QaCheck.Kind.ofKey(key);
                if (kind != null) {
                    kinds.add(kind);
                } else if (!key.equals("name")) {
                    problem(where, "unknown key '" + key + "'; a check has a name and one of " + kindKeys());
                    unknownKeys = true;
                }
            }
            if (kinds.isEmpty()) {
                if (!unknownKeys) {
                    problem(where, "says no kind of check; expected one of " + kindKeys());
                }
                return null;
            }
            if (kinds.size() > 1) {
                problem(where, "has " + kinds.size() + " kinds of check (" + kinds.stream().map(QaCheck.Kind::key)
                        .reduce((a, b) -> a + ", " + b).orElse("") + "); a check has exactly one");
                return null;
            }
            QaCheck.Kind kind = kinds.get(0);
            int before = problems.size();
            QaCheck check = kind(kind, name == null ? "?" : name, node.get(kind.key()), where + ": " + kind.key());
            return name == null || problems.size() > before ? null : check;
        }

        private QaCheck kind(QaCheck.Kind kind, String name, JsonNode value, String where) {
            switch (kind) {
                case TARGET_REACHED: {
                    String target = unit(value, where);
                    if (target != null && !target.endsWith(".target")) {
                        problem(where, "'" + target + "' is not a systemd target; expected a name like "
                                + "multi-user.target");
                        return null;
                    }
                    return target == null ? null : new QaCheck.TargetReached(name, target);
                }
                case SERVICE_ACTIVE: {
                    String service = unit(value, where);
                    return service == null ? null : new QaCheck.ServiceActive(name, service);
                }
                case PACKAGE_INSTALLED:
                    return packageInstalled(name, value, where);
                case FILE_CONTAINS:
                    return fileContains(name, value, where);
                case PORT_LISTENING:
                    return portListening(name, value, where);
                case USER_EXISTS: {
                    String user = account(value, where);
                    return user == null ? null : new QaCheck.UserExists(name, user);
                }
                case GROUP_EXISTS: {
                    String group = account(value, where);
                    return group == null ? null : new QaCheck.GroupExists(name, group);
                }
                case COMMAND:
                    return command(name, value, where);
                case SSHD_SETTING:
                    return sshdSetting(name, value, where);
                default:
                    throw new IllegalStateException("no reader for " + kind);
            }
        }

        private QaCheck packageInstalled(String name, JsonNode value, String where) {
            JsonNode nameNode = value;
            String atLeast = null;
            if (value.isObject()) {
                onlyKeys(value, where, List.of("name", "at-least"));
                nameNode = required(value, "name", where);
                if (value.has("at-least")) {
                    atLeast = version(value.get("at-least"), where + ".at-least");
                }
                where = where + ".name";
            }
            if (nameNode == null) {
                return null;
            }
            String packageName = matching(nameNode, where, PACKAGE, "a package name: letters, digits and "
                    + "'_ . + -', not starting with '-'");
            return packageName == null ? null : new QaCheck.PackageInstalled(name, packageName, atLeast);
        }

        private QaCheck fileContains(String name, JsonNode value, String where) {
            if (!value.isObject()) {
                problem(where, "expected a mapping with path and text, found " + describe(value));
                return null;
            }
            onlyKeys(value, where, List.of("path", "text"));
            JsonNode pathNode = required(value, "path", where);
            JsonNode textNode = required(value, "text", where);
            String path = pathNode == null ? null : text(pathNode, where + ".path");
            if (path != null) {
                String reason = pathProblem(path);
                if (reason != null) {
                    problem(where + ".path", "'" + path + "' " + reason);
                    path = null;
                }
            }
            String text = textNode == null ? null : text(textNode, where + ".text");
            if (text != null && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
                problem(where + ".text", "spans several lines; the text is looked for within one line");
                text = null;
            }
            return path == null || text == null ? null : new QaCheck.FileContains(name, path, text);
        }

        private QaCheck portListening(String name, JsonNode value, String where) {
            JsonNode portNode = value;
            QaCheck.Protocol protocol = QaCheck.Protocol.TCP;
            if (value.isObject()) {
                onlyKeys(value, where, List.of("port", "protocol"));
                portNode = required(value, "port", where);
                JsonNode protocolNode = value.get("protocol");
                if (protocolNode != null) {
                    String text = text(protocolNode, where + ".protocol");
                    if ("udp".equals(text)) {
                        protocol = QaCheck.Protocol.UDP;
                    } else if (text != null && !"tcp".equals(text)) {
                        problem(where + ".protocol", "'" + text + "' is not tcp or udp");
                    }
                }
                where = where + ".port";
            }
            if (portNode == null) {
                return null;
            }
            if (!portNode.isInt() || portNode.asInt() < 1 || portNode.asInt() > 65535) {
                problem(where, "expected a port number from 1 to 65535, found " + describe(portNode));
                return null;
            }
            return new QaCheck.PortListening(name, protocol, portNode.asInt());
        }

        private QaCheck command(String name, JsonNode value, String where) {
            JsonNode argvNode = value;
            Duration timeout = QaCheck.Command.DEFAULT_TIMEOUT;
            if (value.isObject()) {
                onlyKeys(value, where, List.of("argv", "timeout"));
                argvNode = required(value, "argv", where);
                if (value.has("timeout")) {
                    timeout = duration(value.get("timeout"), where + ".timeout");
                    if (timeout != null && timeout.compareTo(Duration.ofSeconds(1)) < 0) {
                        problem(where + ".timeout", "must be at least 1s");
                        timeout = null;
                    }
                }
                where = where + ".argv";
            }
            if (argvNode == null) {
                return null;
            }
            if (!argvNode.isArray() || argvNode.isEmpty()) {
                problem(where, "expected a list of the program and its arguments, found " + describe(argvNode)
                        + (argvNode.isTextual() ? "; write [program, argument, ...]: nothing is run through a shell"
                                : ""));
                return null;
            }
            List<String> argv = new ArrayList<>();
            for (int i = 0; i < argvNode.size(); i++) {
                JsonNode arg = argvNode.get(i);
                String text = arg.isTextual() ? arg.asText()
                        : arg.isIntegralNumber() ? arg.asText() : null;
                if (text == null || text.indexOf('\0') >= 0) {
                    problem(where + "[" + i + "]", text == null ? "expected text, found " + describe(arg)
                            : "contains a NUL character");
                } else {
                    argv.add(text);
                }
            }
            if (argv.size() == argvNode.size() && argv.get(0).isEmpty()) {
                problem(where + "[0]", "the program is empty");
                return null;
            }
            return argv.size() != argvNode.size() || timeout == null ? null
                    : new QaCheck.Command(name, argv, timeout);
        }

        private QaCheck sshdSetting(String name, JsonNode value, String where) {
            if (!value.isObject()) {
                problem(where, "expected a mapping with key and value, found " + describe(value));
                return null;
            }
            onlyKeys(value, where, List.of("key", "value"));
            JsonNode keyNode = required(value, "key", where);
            JsonNode valueNode = required(value, "value", where);
            String key = keyNode == null ? null : matching(keyNode, where + ".key", SSHD_KEY,
                    "an sshd keyword such as PasswordAuthentication");
            String expected = null;
            if (valueNode != null) {
                // sshd prints yes/no for flags; a YAML boolean or integer is what the author meant by them.
                if (valueNode.isBoolean()) {
                    expected = valueNode.asBoolean() ? "yes" : "no";
                } else if (valueNode.isIntegralNumber()) {
                    expected = valueNode.asText();
                } else {
                    expected = singleLine(valueNode, where + ".value");
                }
            }
            return key == null || expected == null ? null : new QaCheck.SshdSetting(name, key, expected);
        }

        private String unit(JsonNode value, String where) {
            return matching(value, where, UNIT, "a systemd unit name: letters, digits and '@ . _ : -', not "
                    + "starting with '-'");
        }

        private String account(JsonNode value, String where) {
            return matching(value, where, ACCOUNT, "a user or group name: letters, digits and '_ . -', not "
                    + "starting with '-'");
        }

        private String version(JsonNode node, String where) {
            String text = text(node, where);
            if (text == null) {
                return null;
            }
            try {
                VersionScheme.DPKG.validate(text);
                return text;
            } catch (InvalidVersionException dpkg) {
                try {
                    VersionScheme.RPM.validate(text);
                    return text;
                } catch (InvalidVersionException rpm) {
                    problem(where, "'" + text + "' is neither a dpkg nor an rpm version: " + dpkg.getMessage());
                    return null;
                }
            }
        }

        private String matching(JsonNode node, String where, Pattern pattern, String expected) {
            String text = text(node, where);
            if (text != null && !pattern.matcher(text).matches()) {
                problem(where, "'" + printable(text) + "' is not " + expected);
                return null;
            }
            return text;
        }

        private String singleLine(JsonNode node, String where) {
            String text = text(node, where);
            if (text != null && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
                problem(where, "spans several lines; expected one");
                return null;
            }
            return text;
        }

        /** Returns the node's text, or null after recording why it is not a non-empty text without NUL. */
        private String text(JsonNode node, String where) {
            if (!node.isTextual()) {
                String hint = node.isNumber() || node.isBoolean()
                        ? "; put it in quotes, or YAML reads it as a " + (node.isNumber() ? "number" : "boolean")
                        : "";
                problem(where, "expected text, found " + describe(node) + hint);
                return null;
            }
            String text = node.asText();
            if (text.isEmpty()) {
                problem(where, "is empty");
                return null;
            }
            if (text.indexOf('\0') >= 0) {
                problem(where, "contains a NUL character");
                return null;
            }
            return text;
        }

        private JsonNode required(JsonNode mapping, String key, String where) {
            JsonNode value = mapping.get(key);
            if (value == null || value.isNull()) {
                problem(where, "has no " + key);
                return null;
            }
            return value;
        }

        private Long size(JsonNode node, String where) {
            if (node.isIntegralNumber() && node.asLong() > 0) {
                return node.asLong();
            }
            Matcher m = node.isTextual() ? SIZE.matcher(node.asText().strip()) : null;
            if (m != null && m.matches()) {
                long amount = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "B" : m.group(2);
                long factor = switch (unit) {
                    case "KiB" -> 1L << 10;
                    case "MiB" -> 1L << 20;
                    case "GiB" -> 1L << 30;
                    case "TiB" -> 1L << 40;
                    case "kB", "KB" -> 1_000L;
                    case "MB" -> 1_000_000L;
                    case "GB" -> 1_000_000_000L;
                    case "TB" -> 1_000_000_000_000L;
                    default -> 1L;
                };
                if (amount > 0 && amount <= Long.MAX_VALUE / factor) {
                    return amount * factor;
                }
            }
            problem(where, "expected a positive size such as 2GiB, 800MB or a number of bytes, found "
                    + describe(node));
            return null;
        }

        private Duration duration(JsonNode node, String where) {
            String text = node.isTextual() ? node.asText().strip() : "";
            try {
                Duration parsed = null;
                if (text.startsWith("P") || text.startsWith("p")) {
                    parsed = Duration.parse(text);
                } else if (DURATION_PARTS.matcher(text).matches()) {
                    parsed = Duration.ZERO;
                    Matcher part = DURATION_PART.matcher(text);
                    while (part.find()) {
                        long amount = Long.parseLong(part.group(1));
                        parsed = parsed.plus(switch (part.group(2)) {
                            case "ms" -> Duration.ofMillis(amount);
                            case "s" -> Duration.ofSeconds(amount);
                            case "m" -> Duration.ofMinutes(amount);
                            default -> Duration.ofHours(amount);
                        });
                    }
                }
                if (parsed != null && !parsed.isNegative() && !parsed.isZero()) {
                    return parsed;
                }
            } catch (DateTimeParseException e) {
                // Falls through to the one message that shows the accepted forms.
            }
            problem(where, "expected a positive duration such as 90s, 2m or PT2M, found " + describe(node)
                    + (node.isNumber() ? "; a number needs a unit" : ""));
            return null;
        }

        private void onlyKeys(JsonNode mapping, String where, List<String> known) {
            for (Iterator<String> keys = mapping.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                if (!known.contains(key)) {
                    problem(where, "unknown key '" + key + "'; expected " + String.join(", ", known));
                }
            }
        }

        private void problem(String where, String reason) {
            problems.add(new QaSuiteProblem(source, where, reason));
        }
    }

    /** Returns an absolute, normalised path's problem, or null when it has none. */
    static String pathProblem(String path) {
        if (!path.startsWith("/")) {
            return "is not an absolute path";
        }
        if (path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
            return "spans several lines";
        }
        if (!Path.of(path).normalize().toString().equals(path)) {
            return "is not normalised (no '.', '..', '//' or trailing '/')";
        }
        return null;
    }

    private static String kindKeys() {
        StringBuilder keys = new StringBuilder();
        for (QaCheck.Kind kind : QaCheck.Kind.values()) {
            keys.append(keys.length() == 0 ? "" : ", ").append(kind.key());
        }
        return keys.toString();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asText();
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return "'" + printable(node.asText()) + "'";
    }

    /** Returns the text with control characters shown as escapes, so a problem message stays one line. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.length() > 200 ? out + "..." : out.toString();
    }
}
