package io.hostdns.transport.reliability;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;

/** One raw UDP exchange with a server, for the test thread. */
final class ServerProbe {

    private ServerProbe() {
    }

    /** Sends {@code query} and returns the reply bytes (2 s timeout). */
    static byte[] udp(InetSocketAddress server, byte[] query) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            socket.send(new DatagramPacket(query, query.length, server));
            byte[] buffer = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return Arrays.copyOf(buffer, reply.getLength());
        }
    }
}
