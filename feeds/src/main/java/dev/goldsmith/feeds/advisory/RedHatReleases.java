package dev.goldsmith.feeds.advisory;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names the release of a Red Hat product from its CPE, the way Red Hat's CSAF documents and the OSV
 * {@code Red Hat:} ecosystems identify product streams.
 *
 * <ul>
 *   <li>{@code enterprise_linux:N…}, whatever the repository ({@code baseos}, {@code appstream}, {@code crb},
 *       {@code server}…) → {@code rhel-N}: all repositories of a major release share one package set.</li>
 *   <li>{@code rhel_eus|rhel_aus|rhel_e4s|rhel_tus:N.M} → {@code rhel-N.M-eus} and so on: these extended
 *       streams ship their own builds ({@code el9_4}), which only an image that follows the stream receives.</li>
 *   <li>Any other product with a version, {@code <product>:<version>[:<update>[:<edition>]]} →
 *       {@code <product>-<version>[-<edition>]}, such as {@code openshift-4.14-el9}: layered products ship RPMs
 *       per product version and per RHEL build, so both stay in the name.</li>
 *   <li>Anything else, a product without a version ({@code ocp_tools}) or another vendor → empty.</li>
 * </ul>
 */
public final class RedHatReleases {

    private static final Set<String> EXTENDED_STREAMS = Set.of("eus", "aus", "e4s", "tus");
    private static final Pattern MAJOR = Pattern.compile("(\\d+)(\\.\\d+)*");
    private static final Pattern MINOR = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern NAME_PART = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private RedHatReleases() {
    }

    /**
     * Returns the release a CPE 2.2 URI such as {@code cpe:/o:redhat:enterprise_linux:9::baseos} names, or empty
     * when it names none Goldsmith maps.
     */
    public static Optional<String> ofCpe(String cpe) {
        if (cpe == null || !cpe.startsWith("cpe:/")) {
            return Optional.empty();
        }
        String[] parts = cpe.substring("cpe:/".length()).split(":", -1);
        if (parts.length < 4 || !(parts[0].equals("o") || parts[0].equals("a")) || !parts[1].equals("redhat")) {
            return Optional.empty();
        }
        String product = parts[2];
        String version = parts[3];
        String edition = parts.length > 5 ? parts[5] : "";
        if (product.equals("enterprise_linux")) {
            var major = MAJOR.matcher(version);
            return major.matches() ? Optional.of("rhel-" + major.group(1)) : Optional.empty();
        }
        if (product.startsWith("rhel_") && EXTENDED_STREAMS.contains(product.substring("rhel_".length()))) {
            return MINOR.matcher(version).matches()
                    ? Optional.of("rhel-" + version + "-" + product.substring("rhel_".length()))
                    : Optional.empty();
        }
        if (!NAME_PART.matcher(product).matches() || !NAME_PART.matcher(version).matches()) {
            return Optional.empty();
        }
        boolean namedEdition = NAME_PART.matcher(edition).matches();
        return Optional.of(product + "-" + version + (namedEdition ? "-" + edition : ""));
    }

    /**
     * Returns the release an OSV {@code Red Hat} ecosystem such as {@code Red Hat:enterprise_linux:9::appstream}
     * names: the ecosystem is a Red Hat CPE without its {@code cpe:/a:redhat:} prefix.
     */
    public static Optional<String> ofOsvEcosystem(String ecosystem) {
        String prefix = "Red Hat:";
        return ecosystem.startsWith(prefix) ? ofCpe("cpe:/a:redhat:" + ecosystem.substring(prefix.length()))
                : Optional.empty();
    }
}
