package dev.goldsmith.routes.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A package repository or advisory source to watch (an entry of {@code feeds}).
 *
 * <p>Which of the type-specific values are set depends on {@link #type()}:
 * <ul>
 *   <li>{@code apt}: {@code source}, {@code architectures}, optionally {@code keyring} (without one, the keys the
 *       host trusts are used);</li>
 *   <li>{@code host-apt}: none, the host's own APT sources are read;</li>
 *   <li>{@code rpm} and {@code updateinfo}: {@code url}, {@code distribution}, optionally {@code gpgKey};</li>
 *   <li>{@code osv} and {@code csaf}: exactly one of {@code url} and {@code path}.</li>
 * </ul>
 * Exactly one of {@code interval} and {@code cron} is set.
 *
 * @param name the feed's name, used as the repository id of its events
 * @param type what kind of feed this is
 * @param source the APT repository of an {@code apt} feed, else null
 * @param architectures the architectures an {@code apt} feed reads, else empty
 * @param keyring the OpenPGP keyring an {@code apt} feed's signatures are checked with, or null
 * @param url where the feed is fetched from, or null
 * @param path a local file or directory the feed is read from, or null
 * @param gpgKey the OpenPGP key an RPM repository's metadata is checked with, or null
 * @param distribution the release an {@code rpm} or {@code updateinfo} feed's packages belong to, such as
 *                     {@code almalinux-9}, else null
 * @param interval how often the feed is polled, or null when {@code cron} is set
 * @param cron a Quartz cron expression (seconds first) saying when the feed is polled, or null
 * @param maxBytes the largest file the feed may serve, downloaded or decompressed ({@code max-size-mb})
 */
public record FeedConfig(
        String name,
        FeedType type,
        AptSource source,
        List<String> architectures,
        Path keyring,
        URI url,
        Path path,
        Path gpgKey,
        String distribution,
        Duration interval,
        String cron,
        long maxBytes) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    /** The default size limit: several times the largest index Debian publishes (about 50 MB unpacked). */
    public static final int DEFAULT_MAX_SIZE_MB = 1024;
    public static final List<String> DEFAULT_ARCHITECTURES = List.of("amd64");

    public FeedConfig {
        architectures = List.copyOf(architectures);
    }
}
