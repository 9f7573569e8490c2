package dev.goldsmith.builders.provision;

/**
 * The last step, {@code cleanup}: what must not be shared by every machine made from the image (machine id, SSH
 * host keys) and what only the build needed (package caches and lists, logs, temporary files) is removed. On
 * Debian and Ubuntu a oneshot unit is left to make SSH host keys at first boot, as Debian's openssh-server does
 * not; RPM distributions have {@code sshd-keygen} for that.
 */
final class CleanupStep {

    private static final String SSH_KEYGEN_UNIT = """
            [Unit]
            Description=Generate the SSH host keys a Goldsmith image ships without
            ConditionPathExistsGlob=!/etc/ssh/ssh_host_*_key
            Before=ssh.service sshd.service

            [Service]
            Type=oneshot
            ExecStart=/usr/bin/ssh-keygen -A

            [Install]
            WantedBy=multi-user.target
            """;

    private CleanupStep() {
    }

    static void addTo(PlanBuilder plan, PackageManager manager) {
        StringBuilder script = PlanBuilder.script("cleanup");
        if (manager == PackageManager.APT) {
            script.append("if [ -e /etc/ssh/sshd_config ]; then\n")
                    .append("    install -m 0644 -- ").append(plan.ship(SSH_KEYGEN_UNIT))
                    .append(" /etc/systemd/system/goldsmith-ssh-keygen.service\n")
                    .append("    systemctl enable goldsmith-ssh-keygen.service\nfi\n")
                    .append("apt-get clean\nrm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin\n");
        } else {
            script.append("dnf clean all\nrm -rf /var/cache/dnf/*\n");
        }
        script.append("truncate -s 0 /etc/machine-id\n")
                .append("rm -f /var/lib/dbus/machine-id /etc/ssh/ssh_host_*\n")
                .append("if command -v journalctl >/dev/null 2>&1; then journalctl --rotate --vacuum-time=1s"
                        + " >/dev/null 2>&1 || :; fi\n")
                .append("find /var/log -type f ! -path '/var/log/journal/*' -exec truncate -s 0 {} +\n")
                .append("rm -rf /tmp/* /var/tmp/* /root/.bash_history\n");
        plan.step("cleanup", script);
    }
}
