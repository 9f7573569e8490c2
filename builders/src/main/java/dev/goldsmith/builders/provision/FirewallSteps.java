package dev.goldsmith.builders.provision;

import dev.goldsmith.catalog.blueprint.Customizations.Firewall;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code firewall} step. On Debian and Ubuntu an nftables ruleset that drops incoming traffic except replies,
 * loopback, ICMP and the listed ports and services; on RPM distributions firewalld's offline command, when
 * firewalld is installed (otherwise the step says so and changes nothing).
 */
final class FirewallSteps {

    private static final Pattern PORT = Pattern.compile("([0-9]{1,5})(-([0-9]{1,5}))?(:(tcp|udp|sctp|dccp))?");
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    /** The firewalld services nftables rules can be written for without firewalld's own definitions. */
    private static final Map<String, List<String>> SERVICE_PORTS = Map.ofEntries(
            Map.entry("ssh", List.of("22:tcp")), Map.entry("http", List.of("80:tcp")),
            Map.entry("https", List.of("443:tcp")), Map.entry("dns", List.of("53:tcp", "53:udp")),
            Map.entry("ntp", List.of("123:udp")), Map.entry("dhcpv6-client", List.of("546:udp")),
            Map.entry("mdns", List.of("5353:udp")), Map.entry("smtp", List.of("25:tcp")),
            Map.entry("imaps", List.of("993:tcp")), Map.entry("postgresql", List.of("5432:tcp")),
            Map.entry("mysql", List.of("3306:tcp")), Map.entry("prometheus", List.of("9090:tcp")));

    private FirewallSteps() {
    }

    static boolean wanted(Firewall firewall) {
        return firewall != null && (firewall.ports() != null && !firewall.ports().isEmpty()
                || firewall.services() != null);
    }

    static void addTo(PlanBuilder plan, PackageManager manager, Firewall firewall) {
        if (!wanted(firewall)) {
            return;
        }
        List<String> ports = firewall.ports() == null ? List.of() : firewall.ports();
        List<String> enabled = firewall.services() == null || firewall.services().enabled() == null ? List.of()
                : firewall.services().enabled();
        List<String> disabled = firewall.services() == null || firewall.services().disabled() == null ? List.of()
                : firewall.services().disabled();
        StringBuilder script = PlanBuilder.script("firewall");
        if (manager == PackageManager.APT) {
            script.append("install -m 0755 -- ").append(plan.ship(nftables(ports, enabled, disabled)))
                    .append(" /etc/nftables.conf\nsystemctl enable nftables.service\n");
        } else {
            firewalld(script, ports, enabled, disabled);
        }
        plan.step("firewall", script);
    }

    private static void firewalld(StringBuilder script, List<String> ports, List<String> enabled,
            List<String> disabled) {
        script.append("if ! command -v firewall-offline-cmd >/dev/null 2>&1; then\n")
                .append("    echo 'firewalld is not installed; the firewall customization was not applied' >&2\n")
                .append("    exit 0\nfi\n");
        for (String port : ports) {
            for (String[] p : parse(port)) {
                script.append("firewall-offline-cmd ").append(Shell.quote("--add-port=" + p[0] + "/" + p[1]))
                        .append('\n');
            }
        }
        enabled.forEach(s -> script.append("firewall-offline-cmd ")
                .append(Shell.quote("--add-service=" + service(s))).append('\n'));
        disabled.forEach(s -> script.append("firewall-offline-cmd ")
                .append(Shell.quote("--remove-service=" + service(s))).append('\n'));
        script.append("systemctl enable firewalld.service\n");
    }

    /** Returns the nftables ruleset; the set of open ports is all that comes from the blueprint. */
    static String nftables(List<String> ports, List<String> enabled, List<String> disabled) {
        Set<String> open = new LinkedHashSet<>(ports);
        for (String name : enabled) {
            if (!disabled.contains(name)) {
                List<String> known = SERVICE_PORTS.get(service(name));
                if (known == null) {
                    throw new IllegalArgumentException("firewall service '" + name + "' has no known port for"
                            + " nftables; list its port under ports instead");
                }
                open.addAll(known);
            }
        }
        StringBuilder rules = new StringBuilder("#!/usr/sbin/nft -f\n# Written by Goldsmith from the blueprint.\n")
                .append("flush ruleset\n\ntable inet filter {\n    chain input {\n")
                .append("        type filter hook input priority filter; policy drop;\n")
                .append("        ct state established,related accept\n        ct state invalid drop\n")
                .append("        iif lo accept\n        meta l4proto { icmp, ipv6-icmp } accept\n");
        for (String port : open) {
            for (String[] p : parse(port)) {
                rules.append("        ").append(p[1]).append(" dport ").append(p[0]).append(" accept\n");
            }
        }
        return rules.append("    }\n    chain forward {\n        type filter hook forward priority filter;"
                + " policy drop;\n    }\n}\n").toString();
    }

    /** Returns {port-or-range, protocol} pairs; a port without protocol opens both tcp and udp. */
    private static List<String[]> parse(String port) {
        Matcher m = PORT.matcher(port);
        if (!m.matches()) {
            throw new IllegalArgumentException("firewall port '" + port + "' is not PORT[-LAST][:PROTOCOL]");
        }
        String range = m.group(3) == null ? m.group(1) : m.group(1) + "-" + m.group(3);
        List<String[]> out = new ArrayList<>();
        if (m.group(5) != null) {
            out.add(new String[] {range, m.group(5)});
        } else {
            out.add(new String[] {range, "tcp"});
            out.add(new String[] {range, "udp"});
        }
        return out;
    }

    private static String service(String name) {
        if (!SERVICE.matcher(name).matches()) {
            throw new IllegalArgumentException("firewall service '" + name + "' is not a firewalld service name");
        }
        return name;
    }
}
