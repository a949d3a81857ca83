package io.hostdns.examples;

import static io.hostdns.transport.testing.Responses.aFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.transport.HostDns;
import io.hostdns.transport.testing.FakeDnsServer;
import io.hostdns.transport.testing.FakeReply;
import io.hostdns.transport.testing.Responses;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class FrontDoorExampleTest {

    @Test
    void describe_listsTheAddressesAndMailExchangers_askingTheUpstreamOncePerQuestion() {
        try (FakeDnsServer upstream = FakeDnsServer.start(request -> switch (request.question().getType()) {
            case Type.A -> aFor("192.0.2.25");
            case Type.MX -> FakeReply.message(r -> Responses.withAnswers(Responses.to(r), new MXRecord(
                    r.question().getName(), DClass.IN, 60, 10, Name.fromConstantString("mx.shop.example."))));
            default -> FakeReply.message(Responses::to);
        }); HostDns dns = HostDns.of("127.0.0.1:" + upstream.port())) {
            assertThat(FrontDoorExample.describe(dns, "shop.example")).containsExactly(
                    "shop.example has address 192.0.2.25",
                    "shop.example mail is handled by 10 mx.shop.example.");
            assertThat(FrontDoorExample.describe(dns, "shop.example")).hasSize(2);
            assertThat(upstream.requests()).extracting(r -> r.question().getType())
                    .containsExactlyInAnyOrder(Type.A, Type.AAAA, Type.MX);
        }
    }
}
