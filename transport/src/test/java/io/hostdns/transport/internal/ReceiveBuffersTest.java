package io.hostdns.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiveBuffersTest {

    @Test
    void linuxDoubledReport_ofAFullRequest_saysGranted_andExplainsTheDoubling() {
        assertThat(ReceiveBuffers.describe("#000 udp 1.1.1.1:53", 4_194_304, 8_388_608, true))
                .isEqualTo("#000 udp 1.1.1.1:53: UDP receive buffer of 4194304 bytes granted (Linux reports 8388608,"
                        + " twice the size, counting its bookkeeping)");
    }

    @Test
    void linuxReport_belowTwiceTheRequest_saysCappedByRmemMax_withTheFigureToRaiseItTo() {
        // rmem_max 212992 (the Debian default): Linux keeps and reports 425984
        String line = ReceiveBuffers.describe("upstream", 4_194_304, 425_984, true);

        assertThat(line).isEqualTo("upstream: UDP receive buffer capped at 212992 bytes, 4194304 requested: the kernel"
                + " allows no more (net.core.rmem_max); sysctl -w net.core.rmem_max=4194304 gives the full buffer");
    }

    @Test
    void linuxReport_aboveTheRequestButBelowTwice_isStillACap() {
        // rmem_max 3 MiB: 6 MiB reported is more than the 4 MiB asked, yet only 3 MiB are usable
        assertThat(ReceiveBuffers.describe("u", 4_194_304, 6_291_456, true)).contains("capped at 3145728 bytes");
    }

    @Test
    void otherKernels_reportWhatTheyGrant() {
        assertThat(ReceiveBuffers.describe("u", 65_536, 65_536, false)).isEqualTo("u: UDP receive buffer of 65536 bytes granted");
        assertThat(ReceiveBuffers.describe("u", 65_536, 32_768, false)).contains("capped at 32768 bytes, 65536 requested");
    }
}
