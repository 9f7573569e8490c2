package dev.goldsmith.builders.libvirt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the smallest initramfs a probe guest needs: a cpio ("newc") archive holding only {@code /init}. The kernel
 * announces that it runs {@code /init} on the console, which is all the KVM probe waits for; the script itself
 * then fails and, with {@code panic=-1}, the guest reboots and libvirt destroys it.
 */
public final class ProbeInitramfs {

    private static final int REGULAR_EXECUTABLE = 0100755;

    private ProbeInitramfs() {
    }

    /** Writes the archive to {@code target}, replacing any file there. */
    public static void write(Path target) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, 1, "init", REGULAR_EXECUTABLE, "#!/bin/sh\nexit 1\n".getBytes(StandardCharsets.US_ASCII));
        entry(out, 0, "TRAILER!!!", 0, new byte[0]);
        Files.write(target, out.toByteArray());
    }

    private static void entry(ByteArrayOutputStream out, int inode, String name, int mode, byte[] data) {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        StringBuilder header = new StringBuilder("070701");
        int[] fields = {inode, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, nameBytes.length, 0};
        for (int field : fields) {
            header.append(String.format("%08X", field));
        }
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(nameBytes);
        pad(out);
        out.writeBytes(data);
        pad(out);
    }

    private static void pad(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }
}
