/**
 * Turns a validated blueprint into provisioning steps: POSIX shell scripts and the files they install, written
 * onto a read-only ISO that the first-boot agent runs inside the builder VM. Every blueprint value reaches a
 * script single-quoted, and file contents travel as files, never inside a script.
 */
package dev.goldsmith.builders.provision;
