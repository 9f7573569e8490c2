package dev.goldsmith.routes.config;

import static dev.goldsmith.routes.config.Shape.map;
import static dev.goldsmith.routes.config.Shape.secret;
import static dev.goldsmith.routes.config.Shape.section;
import static dev.goldsmith.routes.config.Shape.sections;
import static dev.goldsmith.routes.config.Shape.value;
import static dev.goldsmith.routes.config.Shape.values;

/**
 * The shape of {@code goldsmith.yaml}: every key of every section, in the order the documentation lists them.
 */
final class ConfigSchema {

    static final Shape SECRET = Shape.of(value("env"), value("file"));

    static final Shape EVENT_BUS = Shape.of(
            value("bootstrap-servers"), value("group-id"), value("partitions"), value("embedded-port"),
            map("properties"));

    static final Shape SIGNING_KEY = Shape.of(value("keyring"), value("id"), secret("passphrase"));

    static final Shape GIT = Shape.of(
            value("repository"), value("remote"), value("branch"), value("author-name"), value("author-email"),
            value("sign"), section("signing-key", SIGNING_KEY), value("push-attempts"), value("push-backoff"));

    /** Every key any feed type takes; {@link FeedType#optionKeys()} narrows it per type. */
    static final Shape FEED = Shape.of(
            value("name"), value("type"), value("source"), values("architectures"), value("keyring"),
            value("url"), value("path"), value("gpg-key"), value("distribution"), value("interval"), value("cron"),
            value("max-size-mb"));

    static final Shape IMAGE = Shape.of(value("name"), value("blueprint"));

    static final Shape BUILDER = Shape.of(value("name"), value("uri"), value("capacity"));

    static final Shape VENDOR_IMAGE = Shape.of(value("distro"), value("image"), value("kernel-root"));

    static final Shape BUILD = Shape.of(value("base-cache"), value("keep-bases"),
            sections("vendor-images", VENDOR_IMAGE));

    static final Shape QA_SUITE = Shape.of(value("name"), value("file"));

    static final Shape POLICIES = Shape.of(
            section("promote", Shape.of(value("after-qa"), value("soak"), values("approval-channels"))),
            section("deprecate", Shape.of(value("grace"))),
            section("revoke", Shape.of(value("enabled"))),
            section("retire", Shape.of(value("max-age"), value("keep"))));

    static final Shape PLANNER = Shape.of(value("window"), value("fast-lane-severity"), value("max-hold"));

    static final Shape SUBSCRIPTION = Shape.of(
            value("name"), values("images"), value("webhook"), secret("secret"), value("topic"));

    static final Shape HTTP = Shape.of(value("host"), value("port"), secret("api-token"));

    static final Shape ROOT = Shape.of(
            value("state-dir"),
            section("event-bus", EVENT_BUS),
            section("git", GIT),
            sections("feeds", FEED),
            sections("images", IMAGE),
            sections("builders", BUILDER),
            section("build", BUILD),
            sections("qa-suites", QA_SUITE),
            section("policies", POLICIES),
            section("planner", PLANNER),
            sections("subscriptions", SUBSCRIPTION),
            section("http", HTTP));

    private ConfigSchema() {
    }
}
