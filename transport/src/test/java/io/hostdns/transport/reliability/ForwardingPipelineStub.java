package io.hostdns.transport.reliability;

import io.hostdns.core.Protocol;
import io.hostdns.transport.server.RunningDnsServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** A blocking stub of a running server, for the test thread. */
final class ForwardingPipelineStub {

    private final InetSocketAddress address;

    ForwardingPipelineStub(RunningDnsServer server) {
        this.address = Objects.requireNonNull(server.address(Protocol.UDP));
    }

    StubResult ask(String name, boolean tcp) throws IOException {
        SimpleResolver stub = new SimpleResolver(address);
        stub.setTCP(tcp);
        stub.setTimeout(Duration.ofSeconds(5));
        stub.setEDNS(0, 1232, 0, List.of());
        long start = System.nanoTime();
        Message reply = stub.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
        return StubResult.of(reply, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Sends one UDP query and does not wait for the reply. */
    void fireAndForget(String name) throws IOException {
        byte[] wire = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)).toWire();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(wire, wire.length, address));
        }
    }
}
