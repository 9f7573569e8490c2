/**
 * The typed configuration of a Goldsmith instance, read from {@code config/goldsmith.yaml}.
 *
 * <p>{@link dev.goldsmith.routes.config.ConfigLoader} walks the YAML tree against the shape of the records in
 * this package and collects every problem it finds before giving up, so an operator fixes a file in one pass.
 * Single values can be overridden with {@code GOLDSMITH_*} environment variables.
 */
package dev.goldsmith.routes.config;
