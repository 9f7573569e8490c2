/**
 * Guests through libvirt: domain XML for throwaway VMs, one connection per builder host, build slots across hosts,
 * cleanup of what ended builds left behind, and the choice between KVM and software emulation.
 */
package dev.goldsmith.builders.libvirt;
