package dev.goldsmith.builders.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QemuConfTest {

    private static final String BLOCK = QemuConf.BEGIN + "\n"
            + "user = \"root\"\n"
            + "group = \"root\"\n"
            + "dynamic_ownership = 0\n"
            + "security_driver = \"none\"\n"
            + "stdio_handler = \"file\"\n"
            + QemuConf.END + "\n";

    @Test
    void emptyFileGetsJustTheBlock() {
        assertEquals(BLOCK, QemuConf.apply(""));
    }

    @Test
    void conflictingSettingsAreDisabledBecauseLibvirtReadsTheFirst() {
        String existing = "# user = \"qemu\"\nuser = \"libvirt-qemu\"\n  security_driver = [ \"apparmor\" ]\n"
                + "vnc_listen = \"0.0.0.0\"\n";

        String applied = QemuConf.apply(existing);

        assertEquals("# user = \"qemu\"\n"
                + QemuConf.DISABLED + "user = \"libvirt-qemu\"\n"
                + QemuConf.DISABLED + "  security_driver = [ \"apparmor\" ]\n"
                + "vnc_listen = \"0.0.0.0\"\n\n" + BLOCK, applied);
    }

    @Test
    void applyingTwiceChangesNothing() {
        String once = QemuConf.apply("user = \"libvirt-qemu\"\n# comment\n");

        assertEquals(once, QemuConf.apply(once));
    }

    @Test
    void anOlderBlockIsReplacedNotRepeated() {
        String older = "# header\n\n" + QemuConf.BEGIN + "\nuser = \"root\"\n" + QemuConf.END + "\n# after\n";

        String applied = QemuConf.apply(older);

        assertEquals("# header\n\n# after\n\n" + BLOCK, applied);
        assertTrue(applied.indexOf(QemuConf.BEGIN) == applied.lastIndexOf(QemuConf.BEGIN));
    }
}
