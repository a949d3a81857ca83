package io.hostdns.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpLiteralTest {

    @Test
    void ipLiteral_parsesWithoutLookups_andFormatsShortIpv6() {
        assertThat(IpLiteral.parse("example.com")).isNull();
        assertThat(IpLiteral.parse("1.2.3")).isNull();
        assertThat(IpLiteral.format(IpLiteral.parse("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
        assertThat(IpLiteral.format(IpLiteral.parse("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpLiteral.format(IpLiteral.parse("fd54:616c:6f73::204f:5320:444e:531")))
                .isEqualTo("fd54:616c:6f73:0:204f:5320:444e:531");
        assertThat(IpLiteral.format(IpLiteral.parse("::"))).isEqualTo("::");
        assertThat(IpLiteral.format(IpLiteral.parse("1:0:0:2::"))).isEqualTo("1:0:0:2::");
    }
}
