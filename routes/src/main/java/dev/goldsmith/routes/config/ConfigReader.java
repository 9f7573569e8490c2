package dev.goldsmith.routes.config;

import dev.goldsmith.builders.base.VendorImage;
import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.BlueprintException;
import dev.goldsmith.catalog.blueprint.BlueprintProblem;
import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.blueprint.Distro;
import dev.goldsmith.catalog.event.Severity;
import dev.goldsmith.catalog.event.Topic;
import dev.goldsmith.catalog.policy.Policies;
import dev.goldsmith.catalog.policy.PolicyEngine;
import dev.goldsmith.catalog.store.SigningKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the configuration tree, section by section, into the records of this package.
 *
 * <p>Every value is checked where it is read; checks that span sections (references to images, a builder for the
 * images) run once the sections they need are read. Problems go to {@link Problems}; the records returned are only
 * meaningful when there were none.
 */
final class ConfigReader {

    private static final Set<String> WEB = Set.of("http", "https");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._-]+:\\d{1,5}|\\[[0-9A-Fa-f:.]+]:\\d{1,5}");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]+");
    private static final int MAX_PORT = 65_535;
    /** The severities that may open the fast lane, most severe first; unknown and none would open it to anything. */
    private static final Map<String, Severity> FAST_LANE = fastLaneSeverities();

    private final Map<String, String> env;

    ConfigReader(Map<String, String> env) {
        this.env = env;
    }

    /** Returns the configuration the root mapping describes; {@code source} is the file it came from. */
    GoldsmithConfig read(Path source, Mapping root) {
        Path stateDir = root.require("state-dir") ? directory(root, "state-dir") : null;
        EventBusConfig eventBus = readEventBus(root.section("event-bus"));
        GitConfig git = readGit(root.section("git"), stateDir);
        List<FeedConfig> feeds = readEach(root.sections("feeds"), new FeedReader()::read);

        Names imageNames = new Names();
        Map<Mapping, Blueprint> blueprints = new LinkedHashMap<>();
        List<ImageConfig> images = readEach(root.sections("images"), image -> {
            ImageConfig config = new ImageConfig(imageNames.claim(image), requiredFile(image, "blueprint"));
            Blueprint blueprint = readBlueprint(image, config);
            if (blueprint != null) {
                blueprints.put(image, blueprint);
            }
            return config;
        });
        Names builderNames = new Names();
        List<BuilderHostConfig> builders = readEach(root.sections("builders"),
                builder -> readBuilder(builder, builderNames));
        if (!images.isEmpty() && root.listSize("builders") == 0) {
            root.problem("builders", "missing required value: images are configured but no builder to build them");
        }
        BuildConfig build = readBuild(root.section("build"));
        Names suiteNames = new Names();
        List<QaSuiteConfig> qaSuites = readEach(root.sections("qa-suites"),
                suite -> new QaSuiteConfig(suiteNames.claim(suite), requiredFile(suite, "file")));
        Set<String> knownSuites = qaSuites.stream().map(QaSuiteConfig::name).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        blueprints.forEach((image, blueprint) -> {
            String suite = blueprint.goldsmith() == null ? null : blueprint.goldsmith().qaSuite();
            if (suite != null && !knownSuites.contains(suite)) {
                image.problem("blueprint", "its [goldsmith] table names the QA suite '" + suite
                        + "', which qa-suites does not define");
            }
        });

        PoliciesConfig policies = readPolicies(root.section("policies"), channelsInUse(images, blueprints));
        PlannerConfig planner = readPlanner(root.section("planner"));
        Set<String> knownImages = new LinkedHashSet<>();
        images.stream().map(ImageConfig::name).filter(Objects::nonNull).forEach(knownImages::add);
        Names subscriberNames = new Names();
        List<SubscriptionConfig> subscriptions = readEach(root.sections("subscriptions"),
                subscription -> readSubscription(subscription, subscriberNames, knownImages));
        HttpConfig http = readHttp(root.section("http"));

        return new GoldsmithConfig(source, stateDir, eventBus, git, feeds, images, builders, build, qaSuites,
                policies, planner, subscriptions, http);
    }

    private static Map<String, Severity> fastLaneSeverities() {
        Map<String, Severity> severities = new LinkedHashMap<>();
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            severities.put(severity.name().toLowerCase(Locale.ROOT), severity);
        }
        return severities;
    }

    private static <T> List<T> readEach(List<Mapping> entries, Function<Mapping, T> reader) {
        List<T> records = new ArrayList<>();
        for (Mapping entry : entries) {
            records.add(reader.apply(entry));
        }
        return records;
    }

    private EventBusConfig readEventBus(Mapping bus) {
        String servers = bus.text("bootstrap-servers");
        if (servers != null && !servers.isBlank()) {
            List<String> bad = Arrays.stream(servers.split(",")).map(String::strip)
                    .filter(server -> !HOST_PORT.matcher(server).matches()).toList();
            if (!bad.isEmpty()) {
                bus.problem("bootstrap-servers", "expected comma-separated host:port pairs; not host:port: "
                        + String.join(", ", bad.stream().map(server -> "'" + server + "'").toList()));
            }
        }
        return new EventBusConfig(
                servers == null || servers.isBlank() ? null : servers.strip(),
                bus.text("group-id", EventBusConfig.DEFAULT_GROUP_ID),
                bus.integer("partitions", EventBusConfig.DEFAULT_PARTITIONS, 1, 10_000),
                bus.integer("embedded-port", EventBusConfig.DEFAULT_EMBEDDED_PORT, 0, MAX_PORT),
                bus.textMap("properties"));
    }

    private GitConfig readGit(Mapping git, Path stateDir) {
        Path repository = git.has("repository") ? directory(git, "repository")
                : stateDir == null ? null : stateDir.resolve("git");
        String branch = git.text("branch", GitConfig.DEFAULT_BRANCH);
        if (!BRANCH.matcher(branch).matches() || branch.startsWith("-") || branch.contains("..")
                || branch.endsWith("/") || branch.endsWith(".lock")) {
            git.problem("branch", "'" + branch + "' is not a valid branch name");
        }
        String email = git.text("author-email", GitConfig.DEFAULT_AUTHOR_EMAIL);
        if (!email.contains("@") || email.chars().anyMatch(Character::isWhitespace)) {
            git.problem("author-email", "'" + email + "' is not an e-mail address");
        }
        // The remote is not quoted in problems: https remotes can carry a token.
        String remote = git.text("remote", null);
        if (remote != null && remote.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            git.problem("remote", "a remote URL or path is one word, without spaces or control characters");
            remote = null;
        }
        boolean sign = git.flag("sign", false);
        GitConfig.Signing signingKey = readSigningKey(git, sign);
        return new GitConfig(repository, remote, branch, git.text("author-name", GitConfig.DEFAULT_AUTHOR_NAME),
                email, sign, signingKey,
                git.integer("push-attempts", GitConfig.DEFAULT_PUSH_ATTEMPTS, 1, GitConfig.MAX_PUSH_ATTEMPTS),
                git.duration("push-backoff", GitConfig.DEFAULT_PUSH_BACKOFF, true));
    }

    /** Reads {@code git.signing-key}, which signing needs and which is an error without it. */
    private GitConfig.Signing readSigningKey(Mapping git, boolean sign) {
        if (!sign) {
            if (git.has("signing-key")) {
                git.problem("signing-key", "commits are signed only when sign is true; set it, or remove the key");
            }
            return null;
        }
        if (!git.has("signing-key")) {
            git.problem("signing-key", "missing required value: sign is true, so name the keyring file and key id"
                    + " that sign");
            return null;
        }
        Mapping key = git.section("signing-key");
        Path keyring = requiredFile(key, "keyring");
        String id = null;
        if (!key.isTextOrAbsent("id")) {
            key.problem("id", "write the key id in quotes: unquoted, YAML reads 0x0123... or an id of digits only"
                    + " as a number and loses its leading zeros");
        } else {
            id = key.requiredText("id");
        }
        if (id != null && !SigningKey.isKeyId(id)) {
            key.problem("id", "'" + id + "' is not a 16-digit key id or a 40-digit fingerprint in hex");
            id = null;
        }
        Secret passphrase = key.secret("passphrase", env);
        return keyring == null || id == null ? null : new GitConfig.Signing(keyring, id, passphrase);
    }

    private static BuilderHostConfig readBuilder(Mapping builder, Names names) {
        String name = names.claim(builder);
        String uri = builder.text("uri", BuilderHostConfig.DEFAULT_URI);
        LibvirtUris.problem(uri).ifPresent(reason -> builder.problem("uri", reason));
        int capacity = builder.integer("capacity", BuilderHostConfig.DEFAULT_CAPACITY, 1, Integer.MAX_VALUE);
        return new BuilderHostConfig(name, uri, capacity);
    }

    private static BuildConfig readBuild(Mapping build) {
        BuildConfig defaults = BuildConfig.defaults();
        Path baseCache = build.absolutePath("base-cache");
        if (baseCache != null && Files.exists(baseCache) && !Files.isDirectory(baseCache)) {
            build.problem("base-cache", "not a directory: " + baseCache);
        }
        int keepBases = build.integer("keep-bases", defaults.keepBases(), 1, Integer.MAX_VALUE);
        Map<Distro, String> distros = new HashMap<>();
        List<VendorImage> vendorImages = new ArrayList<>();
        for (Mapping vendor : build.sections("vendor-images")) {
            Optional.ofNullable(readVendorImage(vendor, distros)).ifPresent(vendorImages::add);
        }
        return new BuildConfig(baseCache == null ? defaults.baseCache() : baseCache, keepBases, vendorImages);
    }

    /**
     * Reads one {@code build.vendor-images} entry: an RPM distribution no earlier entry has, an existing image file by
     * absolute path and the kernel arguments that find its root file system. Returns null when any is wrong.
     *
     * @param distros the distributions earlier entries have, each with the field path that has it
     */
    private static VendorImage readVendorImage(Mapping vendor, Map<Distro, String> distros) {
        Distro distro = null;
        String name = vendor.requiredText("distro");
        if (name != null) {
            distro = Distro.parse(name).orElse(null);
            Optional<String> problem = distro == null
                    ? Optional.of("'" + name + "' is not a distribution release Goldsmith knows; vendor images are for"
                            + " the RPM families (" + VendorImage.rpmFamilies() + "), such as almalinux-9")
                    : VendorImage.distroProblem(distro);
            if (problem.isEmpty() && distros.containsKey(distro)) {
                problem = Optional.of("duplicate distro '" + distro + "'; " + distros.get(distro)
                        + " has it already");
            }
            problem.ifPresent(reason -> vendor.problem("distro", reason));
            if (problem.isPresent()) {
                distro = null;
            } else {
                distros.put(distro, vendor.pathOf("distro"));
            }
        }
        Path image = vendor.require("image") ? vendor.existingAbsoluteFile("image") : null;
        Optional<String> imageProblem = image == null ? Optional.empty() : VendorImage.imageProblem(image);
        imageProblem.ifPresent(reason -> vendor.problem("image", reason));
        String kernelRoot = vendor.requiredText("kernel-root");
        Optional<String> rootProblem = kernelRoot == null ? Optional.empty()
                : VendorImage.kernelRootProblem(kernelRoot);
        rootProblem.ifPresent(reason -> vendor.problem("kernel-root", reason));
        if (distro == null || image == null || imageProblem.isPresent() || kernelRoot == null
                || rootProblem.isPresent()) {
            return null;
        }
        return new VendorImage(distro, image, kernelRoot);
    }

    private static PoliciesConfig readPolicies(Mapping policies, Set<String> channelsInUse) {
        Mapping promote = policies.section("promote");
        List<String> channels = promote.texts("approval-channels", List.of());
        // A list item of the wrong type is reported and left out, so indexes hold only when none was.
        boolean indexed = channels.size() == promote.listSize("approval-channels");
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            String channel = channels.get(i);
            String path = promote.pathOf("approval-channels") + (indexed ? "[" + i + "]" : "");
            Optional<String> invalid = Policies.channelNameProblem(channel);
            if (invalid.isPresent()) {
                promote.problemAt(path, invalid.get());
            } else if (!seen.add(channel)) {
                promote.problemAt(path, "channel '" + channel + "' is listed twice");
            } else if (channelsInUse != null && !channelsInUse.contains(channel)) {
                // A misspelt approval channel would publish the real one without anyone's approval.
                promote.problemAt(path, "no image publishes to channel '" + channel + "' (channels in use: "
                        + String.join(", ", channelsInUse) + ")" + Suggestions.didYouMean(channel, channelsInUse));
            }
        }
        Mapping deprecate = policies.section("deprecate");
        Mapping revoke = policies.section("revoke");
        Mapping retire = policies.section("retire");
        return new PoliciesConfig(
                new PoliciesConfig.Promote(
                        promote.flag("after-qa", PoliciesConfig.Promote.DEFAULT_AFTER_QA),
                        promote.duration("soak", PoliciesConfig.Promote.DEFAULT_SOAK, true),
                        channels),
                new PoliciesConfig.Deprecate(
                        deprecate.duration("grace", PoliciesConfig.Deprecate.DEFAULT_GRACE, true)),
                new PoliciesConfig.Revoke(revoke.flag("enabled", PoliciesConfig.Revoke.DEFAULT_ENABLED)),
                new PoliciesConfig.Retire(
                        retire.duration("max-age", PoliciesConfig.Retire.DEFAULT_MAX_AGE, false),
                        retire.integer("keep", PoliciesConfig.Retire.DEFAULT_KEEP, 1, Integer.MAX_VALUE)));
    }

    private static PlannerConfig readPlanner(Mapping planner) {
        PlannerConfig defaults = PlannerConfig.defaults();
        Duration window = planner.duration("window", defaults.window(), true);
        String fallback = defaults.fastLaneSeverity().name().toLowerCase(Locale.ROOT);
        String severity = planner.text("fast-lane-severity", fallback);
        Severity fastLane = FAST_LANE.get(severity.toLowerCase(Locale.ROOT));
        if (fastLane == null) {
            planner.problem("fast-lane-severity", "'" + severity + "' is not a severity; expected one of "
                    + String.join(", ", FAST_LANE.keySet()));
            fastLane = defaults.fastLaneSeverity();
        }
        return new PlannerConfig(window, fastLane, planner.duration("max-hold", defaults.maxHold(), false));
    }

    /**
     * Returns the channels the configured images publish to (a blueprint that names none publishes to the default
     * ones), or null when that is unknown: no images, or a blueprint that could not be read.
     */
    private static Set<String> channelsInUse(List<ImageConfig> images, Map<Mapping, Blueprint> blueprints) {
        if (images.isEmpty() || blueprints.size() != images.size()) {
            return null;
        }
        Set<String> channels = new TreeSet<>();
        blueprints.values().forEach(blueprint -> channels.addAll(PolicyEngine.channelsOf(blueprint)));
        return channels;
    }

    private SubscriptionConfig readSubscription(Mapping subscription, Names names, Set<String> knownImages) {
        String name = names.claim(subscription);
        List<String> images = subscription.require("images") ? subscription.texts("images", List.of()) : List.of();
        if (subscription.has("images") && subscription.listSize("images") == 0) {
            subscription.problem("images", "must name at least one image");
        }
        for (int i = 0; i < images.size(); i++) {
            String image = images.get(i);
            if (!knownImages.contains(image)) {
                subscription.problemAt(subscription.pathOf("images") + "[" + i + "]", "unknown image '" + image
                        + "'" + Suggestions.didYouMean(image, knownImages));
            }
        }
        URI webhook = subscription.url("webhook", WEB);
        Secret secret = subscription.secret("secret", env);
        String topic = subscription.text("topic", null);
        if (topic != null) {
            topicProblem(topic).ifPresent(reason -> subscription.problem("topic", reason));
        }
        if (!subscription.has("webhook") && !subscription.has("topic")) {
            subscription.problem("webhook", "missing required value: a subscription needs a webhook, a topic or both");
        }
        if (subscription.has("secret") && !subscription.has("webhook")) {
            subscription.problem("secret", "only webhook notices are signed, and this subscription has no webhook");
        }
        return new SubscriptionConfig(name, images, webhook, secret, topic);
    }

    private static Optional<String> topicProblem(String topic) {
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            return Optional.of("'" + topic + "' is not a Kafka topic name (up to 249 letters, digits, '.',"
                    + " '_' and '-')");
        }
        boolean ours = Arrays.stream(Topic.values()).anyMatch(own -> own.topicName().equals(topic));
        return ours ? Optional.of("'" + topic + "' is one of Goldsmith's own topics")
                : Optional.empty();
    }

    private HttpConfig readHttp(Mapping http) {
        String host = http.text("host", HttpConfig.DEFAULT_HOST);
        if (host.chars().anyMatch(Character::isWhitespace) || host.contains("/")) {
            http.problem("host", "'" + host + "' is not a host name or address");
        }
        return new HttpConfig(host, http.integer("port", HttpConfig.DEFAULT_PORT, 0, MAX_PORT),
                http.secret("api-token", env));
    }

    /** Reads an image's blueprint, reporting each of its problems under the image's {@code blueprint} key. */
    private static Blueprint readBlueprint(Mapping image, ImageConfig config) {
        if (config.blueprint() == null || !Files.isRegularFile(config.blueprint())) {
            return null;
        }
        try {
            return BlueprintReader.read(config.blueprint());
        } catch (BlueprintException e) {
            for (BlueprintProblem problem : e.problems()) {
                image.problem("blueprint", problem.source() + ": "
                        + (problem.fieldPath().isEmpty() ? "" : problem.fieldPath() + ": ") + problem.reason());
            }
            return null;
        }
    }

    private static Path requiredFile(Mapping entry, String key) {
        return entry.require(key) ? entry.existingFile(key) : null;
    }

    /** Returns the directory at {@code key}; it need not exist yet, but nothing else may be in its place. */
    private static Path directory(Mapping mapping, String key) {
        Path directory = mapping.path(key);
        if (directory != null && Files.exists(directory) && !Files.isDirectory(directory)) {
            mapping.problem(key, "not a directory: " + directory);
        }
        return directory;
    }
}
