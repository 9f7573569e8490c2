package dev.goldsmith.builders.provision;

import dev.goldsmith.catalog.blueprint.Customizations.Repository;
import dev.goldsmith.catalog.blueprint.Distro;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code repositories} step: each extra repository as an APT deb822 sources file or a dnf {@code .repo}
 * file, with its armored keys, all shipped as files and installed in place.
 */
final class RepositorySteps {

    /** Repository ids become file names in the guest, so nothing that could leave the directory. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}");

    private static final Map<String, String> SUITES = Map.of("debian-11", "bullseye", "debian-12", "bookworm",
            "debian-13", "trixie", "ubuntu-20.04", "focal", "ubuntu-22.04", "jammy", "ubuntu-24.04", "noble");

    private RepositorySteps() {
    }

    static void addTo(PlanBuilder plan, Distro distro, List<Repository> repositories) {
        if (repositories.isEmpty()) {
            return;
        }
        StringBuilder script = PlanBuilder.script("repositories");
        for (Repository repo : repositories) {
            if (!ID.matcher(repo.id()).matches()) {
                throw new IllegalArgumentException("repository id '" + repo.id() + "' is not one safe file name");
            }
            if (PackageManager.of(distro) == PackageManager.APT) {
                apt(plan, script, distro, repo);
            } else {
                dnf(plan, script, repo);
            }
        }
        plan.step("repositories", script);
    }

    private static void apt(PlanBuilder plan, StringBuilder script, Distro distro, Repository repo) {
        String suite = SUITES.get(distro.toString());
        if (suite == null) {
            throw new IllegalArgumentException("no APT suite known for " + distro + ", needed by repository "
                    + repo.id());
        }
        if (repo.baseUrls() == null || repo.baseUrls().isEmpty()) {
            throw new IllegalArgumentException("repository " + repo.id() + " needs baseurls on " + distro
                    + "; APT has no metalink or mirrorlist");
        }
        StringBuilder sources = new StringBuilder("Types: deb\nURIs:");
        repo.baseUrls().forEach(url -> sources.append(' ').append(Shell.line(url, "baseurl")));
        sources.append("\nSuites: ").append(suite).append("\nComponents: main\n");
        String keyring = "/etc/apt/keyrings/goldsmith-" + repo.id() + ".asc";
        if (repo.gpgKeys() != null && !repo.gpgKeys().isEmpty()) {
            String keys = String.join("\n", repo.gpgKeys().stream().map(String::strip).toList()) + "\n";
            script.append("install -D -m 0644 -- ").append(plan.ship(keys)).append(' ')
                    .append(Shell.quote(keyring)).append('\n');
            sources.append("Signed-By: ").append(keyring).append('\n');
        } else if (Boolean.FALSE.equals(repo.gpgCheck())) {
            sources.append("Trusted: yes\n");
        }
        if (Boolean.FALSE.equals(repo.enabled())) {
            sources.append("Enabled: no\n");
        }
        script.append("install -D -m 0644 -- ").append(plan.ship(sources.toString())).append(' ')
                .append(Shell.quote("/etc/apt/sources.list.d/goldsmith-" + repo.id() + ".sources")).append('\n');
    }

    private static void dnf(PlanBuilder plan, StringBuilder script, Repository repo) {
        StringBuilder ini = new StringBuilder("[").append(repo.id()).append("]\n");
        ini.append("name=").append(Shell.line(repo.name() == null ? repo.id() : repo.name(), "repository name"))
                .append('\n');
        if (repo.baseUrls() != null && !repo.baseUrls().isEmpty()) {
            ini.append("baseurl=").append(Shell.line(String.join(" ", repo.baseUrls()), "baseurl")).append('\n');
        }
        setting(ini, "metalink", repo.metalink());
        setting(ini, "mirrorlist", repo.mirrorlist());
        setting(ini, "enabled", flag(repo.enabled(), true));
        setting(ini, "gpgcheck", flag(repo.gpgCheck(), true));
        setting(ini, "repo_gpgcheck", flag(repo.repoGpgCheck(), false));
        setting(ini, "sslverify", flag(repo.sslVerify(), true));
        setting(ini, "priority", repo.priority() == null ? null : repo.priority().toString());
        List<String> keys = repo.gpgKeys() == null ? List.of() : repo.gpgKeys();
        StringBuilder keyUrls = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            String path = "/etc/pki/rpm-gpg/goldsmith-" + repo.id() + "-" + (i + 1) + ".asc";
            script.append("install -D -m 0644 -- ").append(plan.ship(keys.get(i).strip() + "\n")).append(' ')
                    .append(Shell.quote(path)).append('\n');
            keyUrls.append(i == 0 ? "" : " ").append("file://").append(path);
        }
        setting(ini, "gpgkey", keyUrls.length() == 0 ? null : keyUrls.toString());
        script.append("install -D -m 0644 -- ").append(plan.ship(ini.toString())).append(' ')
                .append(Shell.quote("/etc/yum.repos.d/goldsmith-" + repo.id() + ".repo")).append('\n');
    }

    private static void setting(StringBuilder ini, String key, String value) {
        if (value != null) {
            ini.append(key).append('=').append(Shell.line(value, key)).append('\n');
        }
    }

    private static String flag(Boolean value, boolean otherwise) {
        return (value == null ? otherwise : value) ? "1" : "0";
    }
}
