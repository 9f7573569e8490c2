package dev.goldsmith.builders.libvirt;

import java.util.Locale;

/** The on-disk format of an image file attached to a guest, as QEMU's block driver names it. */
public enum DiskFormat {
    /** Plain bytes: a raw disk image or an ISO 9660 file. */
    RAW,
    /** A QEMU copy-on-write image, possibly an overlay on a backing file. */
    QCOW2;

    /** Returns the value of the {@code type} attribute of the disk's {@code <driver>} element. */
    public String xmlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
