package dev.goldsmith.builders.provision;

import dev.goldsmith.catalog.blueprint.Customizations;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code system} step: host name, time zone, NTP servers, locale, keyboard and kernel arguments. Settings go
 * into configuration files shipped on the disk and installed in place; values that configuration files or the
 * boot loader would read as more than one setting are refused.
 */
final class SystemSteps {

    /** GRUB sources its defaults as shell; kernel arguments stay within what needs no quoting there. */
    private static final Pattern KERNEL_ARGUMENTS = Pattern.compile("[A-Za-z0-9 ._,:=/+@%-]*");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]*");

    private SystemSteps() {
    }

    /** Returns the packages these settings need beyond the base, for the packages step. */
    static List<String> packagesNeeded(PackageManager manager, Customizations c) {
        boolean languages = c.locale() != null && c.locale().languages() != null
                && c.locale().languages().stream().anyMatch(l -> !l.startsWith("C.") && !l.equals("C"));
        return manager == PackageManager.APT && languages ? List.of("locales") : List.of();
    }

    static void addTo(PlanBuilder plan, PackageManager manager, Customizations c) {
        StringBuilder script = PlanBuilder.script("system");
        int empty = script.length();
        if (c.hostname() != null) {
            install(plan, script, word(c.hostname(), "hostname") + "\n", "/etc/hostname");
        }
        if (c.timezone() != null) {
            timezone(plan, script, manager, c.timezone());
        }
        if (c.locale() != null) {
            locale(plan, script, manager, c.locale());
        }
        if (c.kernelAppend() != null && !c.kernelAppend().isBlank()) {
            kernel(plan, script, manager, c.kernelAppend());
        }
        if (script.length() > empty) {
            plan.step("system", script);
        }
    }

    private static void timezone(PlanBuilder plan, StringBuilder script, PackageManager manager,
            Customizations.Timezone tz) {
        if (tz.timezone() != null) {
            String zone = tz.timezone();
            if (zone.contains("..") || !zone.matches("[A-Za-z0-9_+/-]+")) {
                throw new IllegalArgumentException("time zone '" + zone + "' is not a tz database name");
            }
            String file = Shell.quote("/usr/share/zoneinfo/" + zone);
            script.append("[ -e ").append(file).append(" ] || { echo ")
                    .append(Shell.quote("unknown time zone " + zone)).append(" >&2; exit 1; }\n")
                    .append("ln -sf -- ").append(file).append(" /etc/localtime\n");
            if (manager == PackageManager.APT) {
                install(plan, script, zone + "\n", "/etc/timezone");
            }
        }
        if (tz.ntpServers() != null && !tz.ntpServers().isEmpty()) {
            List<String> servers = tz.ntpServers().stream().map(s -> word(s, "NTP server")).toList();
            if (manager == PackageManager.APT) {
                install(plan, script, "[Time]\nNTP=" + String.join(" ", servers) + "\n",
                        "/etc/systemd/timesyncd.conf.d/goldsmith.conf");
            } else {
                StringBuilder chrony = new StringBuilder("# NTP servers from the blueprint\n");
                servers.forEach(s -> chrony.append("server ").append(s).append(" iburst\n"));
                script.append("tee -a /etc/chrony.conf < ").append(plan.ship(chrony.toString()))
                        .append(" >/dev/null\n");
            }
        }
    }

    private static void locale(PlanBuilder plan, StringBuilder script, PackageManager manager,
            Customizations.Locale locale) {
        List<String> languages = locale.languages() == null ? List.of() : locale.languages().stream()
                .map(l -> word(l, "language")).toList();
        if (!languages.isEmpty()) {
            String lang = "LANG=" + languages.get(0) + "\n";
            if (manager == PackageManager.APT) {
                StringBuilder generate = new StringBuilder();
                languages.stream().filter(l -> !l.equals("C") && !l.startsWith("C."))
                        .forEach(l -> generate.append(l).append(' ').append(charset(l)).append('\n'));
                if (generate.length() > 0) {
                    script.append("tee -a /etc/locale.gen < ").append(plan.ship(generate.toString()))
                            .append(" >/dev/null\nlocale-gen\n");
                }
                install(plan, script, lang, "/etc/default/locale");
            } else {
                install(plan, script, lang, "/etc/locale.conf");
            }
        }
        if (locale.keyboard() != null) {
            String keyboard = word(locale.keyboard(), "keyboard");
            install(plan, script, "KEYMAP=" + keyboard + "\n", "/etc/vconsole.conf");
            if (manager == PackageManager.APT) {
                install(plan, script, "XKBLAYOUT=\"" + keyboard + "\"\n", "/etc/default/keyboard");
            }
        }
    }

    private static void kernel(PlanBuilder plan, StringBuilder script, PackageManager manager, String append) {
        if (!KERNEL_ARGUMENTS.matcher(append).matches()) {
            throw new IllegalArgumentException("kernel arguments '" + append + "' hold characters GRUB would read"
                    + " as script");
        }
        if (manager == PackageManager.APT) {
            install(plan, script, "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX " + append + "\"\n",
                    "/etc/default/grub.d/goldsmith.cfg");
            script.append("if command -v update-grub >/dev/null 2>&1 && [ -d /boot/grub ]; then update-grub; fi\n");
        } else {
            script.append("if command -v grubby >/dev/null 2>&1; then grubby --update-kernel=ALL --args=")
                    .append(Shell.quote(append)).append("; fi\n");
        }
    }

    private static void install(PlanBuilder plan, StringBuilder script, String content, String target) {
        script.append("install -D -m 0644 -- ").append(plan.ship(content)).append(' ').append(Shell.quote(target))
                .append('\n');
    }

    /** Returns {@code value} when it is one word a configuration file reads as one value. */
    private static String word(String value, String what) {
        if (!WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not one plain word");
        }
        return value;
    }

    private static String charset(String language) {
        int dot = language.indexOf('.');
        String charset = dot < 0 ? "ISO-8859-1" : language.substring(dot + 1);
        int at = charset.indexOf('@');
        return at < 0 ? charset : charset.substring(0, at);
    }
}
