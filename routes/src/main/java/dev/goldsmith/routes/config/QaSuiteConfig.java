package dev.goldsmith.routes.config;

import java.nio.file.Path;

/**
 * A QA suite blueprints can name (an entry of {@code qa-suites}).
 *
 * @param name the name blueprints refer to
 * @param file the YAML file listing the suite's checks; the file exists
 */
public record QaSuiteConfig(String name, Path file) {
}
