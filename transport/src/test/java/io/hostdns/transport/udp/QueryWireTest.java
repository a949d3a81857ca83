package io.hostdns.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hostdns.core.Query;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class QueryWireTest {

    private final QueryWire wire = new QueryWire();

    @Test
    void write_producesTheSameBytesAsDnsjava_forEveryFlagCombination() throws Exception {
        Name mixedCase = Name.fromString("WwW.ExAmple.COM.");
        Name longName = Name.fromString("a".repeat(63) + "." + "b".repeat(63) + ".c.example.");
        List<Query> queries = List.of(
                Query.of("www.example.com", Type.A),
                new Query(mixedCase, Type.AAAA, DClass.IN, true, false, 1232),
                new Query(mixedCase, Type.TXT, DClass.CH, false, true, 4096),
                new Query(longName, Type.MX, DClass.IN, true, true, 512),
                new Query(Name.root, Type.NS, DClass.IN, false, false, 0),
                new Query(mixedCase, Type.A, DClass.IN, false, false, 0));
        int id = 0;
        for (Query query : queries) {
            id = (id * 31 + 0x1357) & 0xFFFF;
            ByteBuf out = Unpooled.buffer();
            try {
                wire.write(query, id, out);
                assertThat(out.readableBytes()).as("length of %s", query).isEqualTo(QueryWire.length(query));
                assertThat(ByteBufUtil.getBytes(out)).as("bytes of %s", query).isEqualTo(query.toWire(id));
            } finally {
                out.release();
            }
        }
    }

    @Test
    void write_keepsTheNamesCase_andPutsTheIdInTheFirstTwoBytes() throws Exception {
        ByteBuf out = Unpooled.buffer();
        try {
            wire.write(Query.of(Name.fromString("MiXeD.test."), Type.A), 0xBEEF, out);
            assertThat(out.getUnsignedShort(0)).isEqualTo(0xBEEF);
            assertThat(out.getByte(13)).isEqualTo((byte) 'M');
            assertThat(out.getByte(14)).isEqualTo((byte) 'i');
        } finally {
            out.release();
        }
    }
}
