/**
 * The first-boot agent that every base image carries (a POSIX shell script and a systemd oneshot unit), and the
 * parser of what it reports on the serial console.
 */
package dev.goldsmith.builders.agent;
