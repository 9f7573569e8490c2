package dev.goldsmith.builders.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GuestRunTest {

    @Test
    void guestBootsWithTheAgentAndWithoutASerialGettyThatWouldHangUpItsReports() {
        assertEquals("root=LABEL=goldsmith-root console=ttyS0 goldsmith.provision"
                + " systemd.mask=serial-getty@ttyS0.service panic=-1", GuestRun.cmdline("root=LABEL=goldsmith-root"));
    }
}
