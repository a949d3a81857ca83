package io.hostdns.benchmarks.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A minimal authoritative UDP responder for {@link BenchZone} running inside the benchmark JVM, on one
 * daemon thread: the fallback upstream where NSD is not installed. Results measured against it are
 * labelled {@code inprocess}: it competes with the client for the same JVM and cores, so it is not
 * comparable with NSD numbers, only with other clients measured against it in the same run.
 */
public final class InProcessResponder implements BenchUpstream {

    private static final Name ORIGIN = Name.fromConstantString(BenchZone.ORIGIN);
    private static final SOARecord SOA = new SOARecord(ORIGIN, DClass.IN, BenchZone.TTL,
            Name.fromConstantString("ns." + BenchZone.ORIGIN), Name.fromConstantString("hostmaster." + BenchZone.ORIGIN),
            1, 3600, 600, 86400, 60);

    private final DatagramChannel channel;
    private final Thread thread;
    private final InetSocketAddress address;

    private InProcessResponder(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.thread = new Thread(this::serve, "bench-inprocess-responder");
        this.thread.setDaemon(true);
    }

    /** Binds a free port on 127.0.0.1 and starts answering. */
    public static InProcessResponder start() {
        try {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InProcessResponder responder = new InProcessResponder(channel);
            responder.thread.start();
            return responder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the in-process responder", e);
        }
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(4096);
        while (channel.isOpen()) {
            try {
                in.clear();
                SocketAddress client = channel.receive(in);
                in.flip();
                byte[] request = new byte[in.remaining()];
                in.get(request);
                byte[] response = answer(request);
                if (response != null) {
                    channel.send(ByteBuffer.wrap(response), client);
                }
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
                // a send to a client that went away: the next request is unaffected
            }
        }
    }

    /** The response to {@code request}, or null for bytes that are not a query (dropped, as a server would). */
    static byte @Nullable [] answer(byte[] request) {
        Message query;
        try {
            query = new Message(request);
        } catch (IOException garbage) {
            return null;
        }
        Record question = query.getQuestion();
        if (query.getHeader().getFlag(Flags.QR) || question == null) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        int index = BenchZone.indexOf(name);
        if (index >= 0 && question.getType() == Type.A) {
            response.addRecord(new ARecord(name, DClass.IN, BenchZone.TTL, BenchZone.ipv4(index)), Section.ANSWER);
        } else if (index >= 0 && question.getType() == Type.AAAA) {
            response.addRecord(new AAAARecord(name, DClass.IN, BenchZone.TTL, BenchZone.ipv6(index)), Section.ANSWER);
        } else if (index >= 0 || name.equals(ORIGIN)) {
            response.addRecord(SOA, Section.AUTHORITY);
        } else if (name.subdomain(ORIGIN)) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            response.addRecord(SOA, Section.AUTHORITY);
        } else {
            response.getHeader().setRcode(Rcode.REFUSED);
        }
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        }
        return response.toWire(65535);
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String label() {
        return "IN-PROCESS responder (same JVM, 1 thread, NOT NSD) on 127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        try {
            channel.close();
            thread.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return label();
    }
}
