/**
 * Preparing a machine to build images: checking what is missing ({@link dev.goldsmith.builders.host.HostCheck}) and
 * installing and starting it ({@link dev.goldsmith.builders.host.HostSetup}).
 */
package dev.goldsmith.builders.host;
