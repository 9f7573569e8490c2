package dev.goldsmith.routes.config;

import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * Reads one entry of {@code feeds}: the keys common to every feed, then the keys its type takes.
 */
final class FeedReader {

    private static final Set<String> WEB = Set.of("http", "https");
    private static final Set<String> WEB_OR_FILE = Set.of("http", "https", "file");
    private static final Pattern ARCHITECTURE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** The keys only some feed types take, in the order problems about them are reported. */
    private static final List<String> OPTION_KEYS =
            List.of("source", "architectures", "keyring", "url", "path", "gpg-key", "distribution");
    /** A distribution release as osbuild names it: {@code almalinux-9}, {@code rhel-9}, {@code rocky-8}. */
    private static final Pattern DISTRIBUTION = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*-[0-9]+(\\.[0-9]+)?");

    private final Names names = new Names();

    /** Returns the feed; its problems, if any, have been reported. */
    FeedConfig read(Mapping feed) {
        String name = names.claim(feed);
        FeedType type = readType(feed);
        if (type != null) {
            reportKeysOtherTypesTake(feed, type);
        }
        Set<String> options = type == null ? Set.of() : type.optionKeys();

        AptSource source = options.contains("source") ? readAptSource(feed) : null;
        List<String> architectures = options.contains("architectures") ? readArchitectures(feed) : List.of();
        Path keyring = options.contains("keyring") ? feed.existingFile("keyring") : null;
        Path gpgKey = options.contains("gpg-key") ? feed.existingFile("gpg-key") : null;
        String distribution = options.contains("distribution") ? readDistribution(feed) : null;
        URI url = null;
        Path path = null;
        if (type == FeedType.RPM || type == FeedType.UPDATEINFO) {
            url = feed.require("url") ? feed.url("url", type == FeedType.RPM ? WEB_OR_FILE : WEB) : null;
        } else if (type == FeedType.OSV || type == FeedType.CSAF) {
            if (feed.has("url") && feed.has("path")) {
                feed.problem("path", "set url or path, not both");
            } else if (!feed.has("url") && !feed.has("path")) {
                feed.problem("url", "missing required value: " + type.key() + " feeds need a url or a path");
            }
            url = feed.url("url", WEB);
            path = feed.existingFileOrDirectory("path");
        }

        long maxBytes = feed.integer("max-size-mb", FeedConfig.DEFAULT_MAX_SIZE_MB, 1, 1 << 20) * (1L << 20);
        String cron = readCron(feed);
        Duration interval = feed.duration("interval", FeedConfig.DEFAULT_INTERVAL, false);
        if (feed.has("interval") && feed.has("cron")) {
            feed.problem("cron", "set interval or cron, not both");
        }
        return new FeedConfig(name, type, source, architectures, keyring, url, path, gpgKey, distribution,
                cron == null ? interval : null, cron, maxBytes);
    }

    private static String readDistribution(Mapping feed) {
        String distribution = feed.requiredText("distribution");
        if (distribution != null && !DISTRIBUTION.matcher(distribution).matches()) {
            feed.problem("distribution", "'" + distribution + "' is not a distribution release such as almalinux-9"
                    + " or rhel-9");
            return null;
        }
        return distribution;
    }

    private static FeedType readType(Mapping feed) {
        String key = feed.requiredText("type");
        if (key == null) {
            return null;
        }
        Optional<FeedType> type = FeedType.fromKey(key);
        if (type.isEmpty()) {
            feed.problem("type", "unknown feed type '" + key + "'" + Suggestions.didYouMean(key, FeedType.keys())
                    + " (known types: " + String.join(", ", FeedType.keys()) + ")");
        }
        return type.orElse(null);
    }

    private static void reportKeysOtherTypesTake(Mapping feed, FeedType type) {
        for (String key : OPTION_KEYS) {
            if (feed.has(key) && !type.optionKeys().contains(key)) {
                List<String> own = OPTION_KEYS.stream().filter(type.optionKeys()::contains).toList();
                String takes = own.isEmpty() ? "take none of the type-specific keys" : "take " + String.join(", ", own);
                feed.problem(key, "does not apply to " + type.key() + " feeds, which " + takes);
            }
        }
    }

    private static AptSource readAptSource(Mapping feed) {
        String line = feed.requiredText("source");
        if (line == null) {
            return null;
        }
        try {
            return AptSource.parse(line);
        } catch (IllegalArgumentException e) {
            feed.problem("source", e.getMessage());
            return null;
        }
    }

    private static List<String> readArchitectures(Mapping feed) {
        List<String> architectures = feed.texts("architectures", FeedConfig.DEFAULT_ARCHITECTURES);
        if (feed.has("architectures") && architectures.isEmpty()) {
            feed.problem("architectures", "must name at least one architecture");
        }
        for (int i = 0; i < architectures.size(); i++) {
            if (!ARCHITECTURE.matcher(architectures.get(i)).matches()) {
                feed.problemAt(feed.pathOf("architectures") + "[" + i + "]",
                        "'" + architectures.get(i) + "' is not a Debian architecture name");
            }
        }
        return architectures;
    }

    private static String readCron(Mapping feed) {
        String cron = feed.text("cron", null);
        if (cron == null) {
            return null;
        }
        try {
            CronExpression.validateExpression(cron);
            return cron.strip();
        } catch (ParseException e) {
            // A five-field Unix crontab line is the likeliest mistake; say how Quartz differs.
            String hint = cron.strip().split("\\s+").length == 5
                    ? "; Quartz expressions start with seconds and put '?' in day-of-month or day-of-week,"
                    + " e.g. '0 0/15 * * * ?'" : "";
            String reason = e.getMessage().strip().replaceAll("\\.$", "");
            feed.problem("cron", "not a valid Quartz cron expression: " + reason + hint);
            return null;
        }
    }
}
