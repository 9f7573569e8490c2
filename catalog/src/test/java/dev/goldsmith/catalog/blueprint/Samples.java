package dev.goldsmith.catalog.blueprint;

/** Blueprints shared by the tests. */
final class Samples {

    /** An RPM blueprint that uses every table the reader knows. */
    static final String FULL_RPM = """
            name = "web-base"
            description = "Web servers\\tall \\"teams\\""
            version = "2.7.9"
            distro = "rhel-9.4"

            [[packages]]
            name = "nginx"
            version = "1.20.*"

            [[packages]]
            name = "python3.11"

            [[groups]]
            name = "core"

            [customizations]
            hostname = "web.example.com"

            [customizations.kernel]
            append = "console=ttyS0,115200n8 mitigations=auto,nosmt"

            [customizations.timezone]
            timezone = "Europe/Berlin"
            ntpservers = ["0.pool.ntp.org", "192.0.2.1", "2001:db8::1"]

            [customizations.locale]
            languages = ["en_US.UTF-8", "C.UTF-8"]
            keyboard = "de-nodeadkeys"

            [[customizations.user]]
            name = "deploy"
            description = "Deploys releases"
            password = "$6$rounds=5000$saltsalt$Wm0L2RzT5n0yQk8Jb1oA8xW7fQ0vK3dZ6hY9cE2rU4tS1pN5mG"
            key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIYI3QWOJOrUycI1fqu2iCeB5ldqTh6evZ193hsqa4Pn deploy"
            home = "/srv/deploy"
            shell = "/bin/bash"
            groups = ["wheel", "ops"]
            uid = 1001
            gid = 1001

            [[customizations.group]]
            name = "ops"
            gid = 2000

            [customizations.services]
            enabled = ["nginx.service", "getty@ttyS0"]
            disabled = ["kdump"]

            [customizations.firewall]
            ports = ["22:tcp", "60000-61000:udp"]

            [customizations.firewall.services]
            enabled = ["http", "https"]
            disabled = ["telnet"]

            [[customizations.files]]
            path = "/etc/motd"
            mode = "0644"
            user = "root"
            group = "root"
            data = "Managed by Goldsmith. Quote: \\"\\"\\" and a backslash \\\\ \\n"

            [[customizations.files]]
            path = "/etc/nginx/conf.d/site.conf"
            user = 0
            group = 0
            data = \"""
            server {
            \tlisten 80;
            }
            \"""

            [[customizations.directories]]
            path = "/srv/www/static"
            mode = "02775"
            user = "deploy"
            group = "ops"
            ensure_parents = true

            [[customizations.repositories]]
            id = "internal"
            name = "Internal packages"
            baseurls = ["https://repo.example.com/el9/"]
            gpgcheck = true
            repo_gpgcheck = false
            enabled = true
            priority = 10
            sslverify = true
            gpgkeys = [\"""
            -----BEGIN PGP PUBLIC KEY BLOCK-----

            mQENBGabcdEBCADexample
            =abcd
            -----END PGP PUBLIC KEY BLOCK-----
            \"""]

            [goldsmith]
            base = "/srv/bases/rhel-9.qcow2"
            parent = "rhel-9-base"
            builder-pool = "pool-a"
            qa-suite = "web"
            channels = ["stable", "latest"]
            subscribers = ["team-web", "ops@example.com"]
            """;

    private Samples() {
    }
}
