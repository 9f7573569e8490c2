package dev.goldsmith.routes.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks libvirt connection URIs of the form {@code driver[+transport]://[user@][host][:port]/path[?params]}.
 *
 * <p>Only the drivers Goldsmith can build with are accepted: {@code qemu}, and {@code test} for dry runs.
 */
final class LibvirtUris {

    private static final Set<String> DRIVERS = Set.of("qemu", "test");
    private static final Set<String> TRANSPORTS = Set.of("ssh", "libssh", "libssh2", "tcp", "tls", "unix", "ext");
    private static final Set<String> QEMU_PATHS = Set.of("/system", "/session");

    private LibvirtUris() {
    }

    /** Returns why {@code uri} is not a usable libvirt URI, or empty when it is one. */
    static Optional<String> problem(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri.strip());
        } catch (URISyntaxException e) {
            return Optional.of("malformed libvirt URI: " + e.getReason() + " at index " + e.getIndex());
        }
        if (parsed.getScheme() == null || parsed.isOpaque()) {
            return Optional.of("malformed libvirt URI: expected driver[+transport]://[host]/path,"
                    + " e.g. qemu:///system or qemu+ssh://builder@host/system");
        }
        String[] scheme = parsed.getScheme().toLowerCase(Locale.ROOT).split("\\+", 2);
        if (!DRIVERS.contains(scheme[0])) {
            return Optional.of("libvirt driver '" + scheme[0] + "' cannot build images; use qemu (or test)");
        }
        if (scheme.length == 2 && !TRANSPORTS.contains(scheme[1])) {
            return Optional.of("unknown libvirt transport '" + scheme[1] + "'" + Suggestions.didYouMean(scheme[1],
                    TRANSPORTS.stream().sorted().toList()));
        }
        String path = parsed.getPath() == null ? "" : parsed.getPath();
        if (scheme[0].equals("qemu") && !QEMU_PATHS.contains(path)) {
            return Optional.of("qemu URIs end in /system or /session");
        }
        if (scheme[0].equals("test") && (path.isEmpty() || path.equals("/"))) {
            return Optional.of("test URIs name /default or a driver XML file");
        }
        return Optional.empty();
    }
}
