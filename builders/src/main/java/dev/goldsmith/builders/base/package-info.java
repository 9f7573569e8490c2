/**
 * Base images: the kernel, initrd and root disk every build of an image starts from, bootstrapped with
 * mmdebstrap for Debian and Ubuntu or prepared from a vendor cloud image for RPM distributions, each carrying the
 * first-boot agent, and cached by a content key so a base is rebuilt only when what goes into it changed.
 */
package dev.goldsmith.builders.base;
