/**
 * One build of one image, end to end: the base, a copy-on-write overlay, the provisioning disk, the build VM, the
 * flattened qcow2 artifact with its manifest and package lock, then the QA VM and its results, as an ordered list
 * of steps that clean up after themselves.
 */
package dev.goldsmith.builders.build;
