package dev.goldsmith.builders.libvirt;

import java.util.Locale;

/** How a libvirt host runs a guest: with hardware virtualisation ({@code kvm}) or software emulation ({@code qemu}). */
public enum DomainType {
    /** Hardware-assisted virtualisation through {@code /dev/kvm}. */
    KVM,
    /** Software emulation (QEMU's TCG): slower, but works on any host. */
    QEMU;

    /** Returns the value of the {@code type} attribute of libvirt's {@code <domain>} element. */
    public String xmlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
