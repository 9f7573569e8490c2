/**
 * The typed configuration of a Goldsmith instance, read from {@code config/goldsmith.yaml}.
 */
package dev.goldsmith.routes.config;
