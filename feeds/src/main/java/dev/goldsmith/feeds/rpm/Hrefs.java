package dev.goldsmith.feeds.rpm;

import java.util.regex.Pattern;

import dev.goldsmith.feeds.FeedException;

/** Checks the {@code location href} values RPM metadata uses to point at files inside the repository. */
final class Hrefs {

    /** A URI scheme, such as {@code https:} or {@code file:}; RPM file names never contain a colon. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private Hrefs() {
    }

    /**
     * Returns {@code href} if it is a path inside the repository: relative, without a scheme, without {@code ..}
     * segments and without a backslash. Anything else could make a fetcher read or write outside the repository.
     */
    static String requireInside(String href, String source, String what) throws FeedException {
        if (href == null || href.isBlank()) {
            throw new FeedException(FeedException.Kind.MALFORMED, source, what + " has no location href");
        }
        if (href.startsWith("/") || href.indexOf('\\') >= 0 || SCHEME.matcher(href).find()) {
            throw new FeedException(FeedException.Kind.MALFORMED, source,
                    what + " location '" + href + "' is not a relative path inside the repository");
        }
        for (String segment : href.split("/", -1)) {
            if (segment.equals("..")) {
                throw new FeedException(FeedException.Kind.MALFORMED, source,
                        what + " location '" + href + "' climbs out of the repository");
            }
        }
        return href;
    }
}
