/** What {@code goldsmith build} needs from the host beyond the builders module: its APT sources and their state. */
package dev.goldsmith.routes.build;
