package dev.goldsmith.routes.build;

import dev.goldsmith.builders.build.GuestSources;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.apt.AptSource;
import dev.goldsmith.feeds.apt.AptSources;
import dev.goldsmith.feeds.apt.AptSourcesReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The APT sources a build of one release uses, taken from the host's own: the mirror the base is bootstrapped from
 * (the source of the release's own suite), every suite of that release (its {@code -updates} and {@code -security}
 * ones too) as lines for the guest, and the mirror's state, the {@code Date} of each suite's {@code InRelease}, so a
 * newly published suite makes a new base.
 *
 * <p>An RPM distribution's build uses {@link #none()}: its base and its guest install from the repositories its
 * vendor cloud image names.
 *
 * @param mirror      the URI of the source whose suite is the release's own; null in {@link #none()}
 * @param guestLines  one {@code deb} line per suite of the release
 * @param mirrorState {@code suite=date} for each suite, joined with {@code "; "}
 */
public record BuildSources(URI mirror, List<String> guestLines, String mirrorState) {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    public BuildSources {
        guestLines = List.copyOf(guestLines);
        Objects.requireNonNull(mirrorState, "mirrorState");
        if (mirror == null && !(guestLines.isEmpty() && mirrorState.isEmpty())) {
            throw new IllegalArgumentException("APT sources without a mirror hold no guest lines and no state");
        }
    }

    /** Returns no APT sources at all, for a distribution that has none. */
    public static BuildSources none() {
        return new BuildSources(null, List.of(), "");
    }

    /** Fetches {@code InRelease} and returns its {@code Date} field; the text is not verified, only compared. */
    public interface StateReader {
        String date(URI inRelease) throws IOException, InterruptedException;
    }

    /** Finds the sources a build of one APT suite uses. */
    @FunctionalInterface
    public interface Lookup {
        /** Returns the sources for {@code suite}, such as {@code bookworm}. */
        BuildSources forSuite(String suite) throws IOException, FeedException, InterruptedException;
    }

    /** Returns the lookup the service uses: the APT sources of the machine it runs on, their state over HTTP. */
    public static Lookup fromHost() {
        return suite -> of(new AptSourcesReader(Path.of("/")).read(), suite, http());
    }

    /**
     * Returns the sources for {@code suite} (such as {@code bookworm}) from the host's {@code sources}.
     *
     * @throws IOException naming the suite when the host has no source for it, or a state that cannot be read
     */
    public static BuildSources of(AptSources sources, String suite, StateReader reader)
            throws IOException, InterruptedException {
        AptSource own = null;
        List<AptSource> related = new ArrayList<>();
        for (AptSource source : sources.sources()) {
            if (source.suite().equals(suite) || source.suite().startsWith(suite + "-")
                    || source.suite().startsWith(suite + "/")) {
                related.add(source);
                if (own == null && source.suite().equals(suite)) {
                    own = source;
                }
            }
        }
        if (own == null) {
            throw new IOException("the host's APT sources have no suite " + suite + " to build from; found "
                    + sources.sources().stream().map(AptSource::suite).distinct().toList());
        }
        List<String> lines = new ArrayList<>();
        List<String> states = new ArrayList<>();
        for (AptSource source : related) {
            lines.add(GuestSources.line(URI.create(withoutSlash(source.uri())), source.suite(),
                    source.components()));
            states.add(source.suite() + "=" + reader.date(URI.create(source.fileUri("InRelease"))));
        }
        return new BuildSources(URI.create(withoutSlash(own.uri())), lines, String.join("; ", states));
    }

    private static String withoutSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** Returns a reader that fetches over HTTP, reading only as far as the {@code Date} field. */
    public static StateReader http() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return inRelease -> {
            HttpRequest request = HttpRequest.newBuilder(inRelease).timeout(TIMEOUT).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                if (response.statusCode() != 200) {
                    throw new IOException(inRelease + ": HTTP status " + response.statusCode());
                }
                return dateOf(in, inRelease);
            }
        };
    }

    /**
     * Returns the {@code Date} field of a Release file's header, clearsigned or not; reading stops at the first
     * checksum list, which follows the header.
     */
    static String dateOf(BufferedReader release, URI source) throws IOException {
        for (String line = release.readLine(); line != null; line = release.readLine()) {
            if (line.startsWith("Date:")) {
                return line.substring("Date:".length()).strip();
            }
            if (line.startsWith("MD5Sum:") || line.startsWith("SHA256:") || line.startsWith("SHA1:")) {
                break;
            }
        }
        throw new IOException(source + ": no Date field in its header");
    }
}
