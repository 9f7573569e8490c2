package dev.goldsmith.builders.qa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.goldsmith.catalog.version.VersionScheme;

/**
 * Renders a QA suite as one POSIX sh script that the first-boot agent runs inside the guest. The script runs every
 * check, whatever the others found, each in its own subshell, and prints one line per check on standard output:
 *
 * <pre>
 * GOLDSMITH-CHECK {"name":"...","passed":true,"detail":"...","millis":12}
 * </pre>
 *
 * <p>with {@code "value"} added for {@code package-installed}: the installed versions, which the host compares,
 * since an RPM guest has no version comparator to call. The lines are framed by {@value #BEGIN} and
 * {@value #END} lines, so the host can tell a run that stopped early from one that finished.
 *
 * <p>Every value from the suite reaches the script as a single-quoted literal, and check names are JSON-escaped
 * on the host first; the guest escapes only what it found. Nothing from the suite is ever evaluated by the shell:
 * commands run from their argument lists, through {@code timeout} where the guest has it.
 */
public final class QaScript {

    /** Starts every result line. */
    public static final String CHECK = "GOLDSMITH-CHECK";
    /** Starts the line printed before the first check. */
    public static final String BEGIN = "GOLDSMITH-QA-BEGIN";
    /** Starts the line printed after the last check. */
    public static final String END = "GOLDSMITH-QA-END";

    /** The shell functions every script carries, from {@code qa-functions.sh} beside this class. */
    private static final String FUNCTIONS = functions();

    private QaScript() {
    }

    /**
     * Returns the script that runs {@code suite} in a guest whose packages follow {@code scheme} (dpkg-query or
     * rpm answers the package checks).
     */
    public static String render(QaSuite suite, VersionScheme scheme) {
        StringBuilder script = new StringBuilder();
        script.append("#!/bin/sh\n")
                .append("# Goldsmith QA suite, generated: every check runs, each prints one ").append(CHECK)
                .append(" line.\n")
                .append("# Every value from the suite is a single-quoted literal; none is evaluated.\n")
                .append(FUNCTIONS).append('\n')
                .append("qa_self=$(sed -n 's|.*/\\([^/]*\\.service\\)$|\\1|p' /proc/self/cgroup 2>/dev/null"
                        + " | head -n 1)\n")
                .append("qa_failed=0\n")
                .append("printf '%s\\n' ")
                .append(quote(BEGIN + " {\"suite\":\"" + json(suite.name()) + "\",\"checks\":"
                        + suite.checks().size() + "}"))
                .append('\n');
        for (QaCheck check : suite.checks()) {
            script.append("qa_start=$(qa_now); ( ").append(call(check, scheme))
                    .append(" ) || qa_failed=$((qa_failed + 1))\n");
        }
        script.append("printf '").append(END).append(" {\"checks\":%s,\"failed\":%s}\\n' ")
                .append(suite.checks().size()).append(" \"$qa_failed\"\n")
                .append("[ \"$qa_failed\" -eq 0 ]\n");
        return script.toString();
    }

    private static String functions() {
        try (InputStream in = QaScript.class.getResourceAsStream("qa-functions.sh")) {
            if (in == null) {
                throw new IllegalStateException("qa-functions.sh is missing beside " + QaScript.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read qa-functions.sh", e);
        }
    }

    /** Returns the shell call that runs one check, every argument a single-quoted literal. */
    static String call(QaCheck check, VersionScheme scheme) {
        List<String> args = new ArrayList<>();
        args.add(json(check.name()));
        String function;
        if (check instanceof QaCheck.TargetReached c) {
            function = "qa_target_reached";
            args.add(c.target());
        } else if (check instanceof QaCheck.PackageInstalled c) {
            function = scheme == VersionScheme.DPKG ? "qa_package_dpkg" : "qa_package_rpm";
            args.add(c.packageName());
        } else if (check instanceof QaCheck.ServiceActive c) {
            function = "qa_service_active";
            args.add(c.service());
        } else if (check instanceof QaCheck.FileContains c) {
            function = "qa_file_contains";
            args.add(c.path());
            args.add(c.text());
        } else if (check instanceof QaCheck.PortListening c) {
            function = "qa_port_listening";
            args.add(c.protocol().key());
            args.add(Integer.toString(c.port()));
        } else if (check instanceof QaCheck.UserExists c) {
            function = "qa_user_exists";
            args.add(c.user());
        } else if (check instanceof QaCheck.GroupExists c) {
            function = "qa_group_exists";
            args.add(c.group());
        } else if (check instanceof QaCheck.Command c) {
            function = "qa_command";
            // timeout(1) takes whole seconds here; round up so the suite's limit is never cut short.
            long seconds = c.timeout().getSeconds() + (c.timeout().getNano() == 0 ? 0 : 1);
            args.add(Long.toString(Math.max(1, seconds)));
            args.addAll(c.argv());
        } else if (check instanceof QaCheck.SshdSetting c) {
            function = "qa_sshd_setting";
            String key = c.key().toLowerCase(Locale.ROOT);
            args.add(key);
            args.add(c.value());
            // sshd -T prints prohibit-password under its older name.
            args.add(key.equals("permitrootlogin") && c.value().equalsIgnoreCase("prohibit-password")
                    ? "without-password" : "");
            args.add(c.key());
        } else {
            throw new IllegalArgumentException("no shell function for " + check.kind());
        }
        StringBuilder call = new StringBuilder(function);
        for (String arg : args) {
            call.append(' ').append(quote(arg));
        }
        return call.toString();
    }

    /**
     * Returns {@code value} as one single-quoted sh word: inside single quotes nothing is special, and a quote
     * itself is closed, escaped and reopened. Newlines stay literal inside the quotes.
     *
     * @throws IllegalArgumentException if it holds a NUL character, which no shell word can carry
     */
    static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot hold a NUL character");
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * Returns {@code value} as the inside of a JSON string, in ASCII: quotes, backslashes, control characters and
     * everything past U+007E escaped, so the line survives any console encoding.
     */
    static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
