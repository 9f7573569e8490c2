package dev.goldsmith.routes.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole configuration of a Goldsmith instance, as read and validated by {@link ConfigLoader}.
 *
 * @param source the absolute path of the file this was read from
 * @param stateDir where the instance keeps its data (broker log, Git repository, scratch space, a private
 *     libvirtd's files)
 * @param eventBus the Kafka the flow runs on, embedded or external
 * @param git the repository that records blueprints, locks, manifests and catalog states
 * @param feeds the package repositories and advisory sources to watch
 * @param images the golden images to keep patched
 * @param builders the libvirt hosts that build and test images
 * @param build where base images are cached, how many are kept, and the vendor images RPM bases come from
 * @param qaSuites the QA suites blueprints refer to by name
 * @param policies how image versions move through their lifecycle
 * @param planner how facts become rebuild requests
 * @param subscriptions who is told about which images
 * @param http the HTTP API
 */
public record GoldsmithConfig(
        Path source,
        Path stateDir,
        EventBusConfig eventBus,
        GitConfig git,
        List<FeedConfig> feeds,
        List<ImageConfig> images,
        List<BuilderHostConfig> builders,
        BuildConfig build,
        List<QaSuiteConfig> qaSuites,
        PoliciesConfig policies,
        PlannerConfig planner,
        List<SubscriptionConfig> subscriptions,
        HttpConfig http) {

    public GoldsmithConfig {
        feeds = List.copyOf(feeds);
        images = List.copyOf(images);
        builders = List.copyOf(builders);
        qaSuites = List.copyOf(qaSuites);
        subscriptions = List.copyOf(subscriptions);
    }

    /** Returns where a private libvirtd started by {@code goldsmith host setup} keeps its configuration and pid. */
    public Path libvirtStateDir() {
        return stateDir.resolve("libvirt");
    }
}
