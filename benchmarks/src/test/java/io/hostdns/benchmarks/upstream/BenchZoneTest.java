package io.hostdns.benchmarks.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class BenchZoneTest {

    @Test
    void zoneFile_holdsOneAAndOneAaaaPerHost_withTheBenchTtl() {
        String zone = BenchZone.zoneFile();

        assertThat(zone).startsWith("$ORIGIN bench.test.\n$TTL 86400\n");
        assertThat(zone.lines().filter(l -> l.contains(" IN A ") && l.startsWith("h"))).hasSize(1000);
        assertThat(zone.lines().filter(l -> l.contains(" IN AAAA "))).hasSize(1000);
        assertThat(zone).contains("h0000 IN A 127.1.0.0\n", "h0999 IN A 127.1.3.231\n", "h0999 IN AAAA 2001:db8:0:0:0:0:0:3e7\n");
    }

    @Test
    void indexOf_findsHostsCaseInsensitively_andRejectsOtherNames() {
        assertThat(BenchZone.indexOf(Name.fromConstantString("H0042.Bench.TEST."))).isEqualTo(42);
        assertThat(BenchZone.indexOf(BenchZone.name(999))).isEqualTo(999);
        assertThat(BenchZone.indexOf(Name.fromConstantString("h1000.bench.test."))).isEqualTo(-1);
        assertThat(BenchZone.indexOf(Name.fromConstantString("h0042.other.test."))).isEqualTo(-1);
        assertThat(BenchZone.indexOf(Name.fromConstantString("bench.test."))).isEqualTo(-1);
    }

    @Test
    void hostname_isTheNameWithoutTheTrailingDot() {
        assertThat(BenchZone.hostname(7)).isEqualTo("h0007.bench.test");
        assertThat(BenchZone.name(7)).hasToString("h0007.bench.test.");
    }
}
