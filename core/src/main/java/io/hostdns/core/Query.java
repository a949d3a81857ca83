package io.hostdns.core;

import java.util.Objects;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * One DNS question with the flags that change its answer.
 *
 * <p>Two queries are equal when their name (case-insensitively, as DNS compares names), type,
 * class, DO and CD flags are equal: exactly the cache key of DESIGN.md. The EDNS payload size says
 * how large a UDP answer the asker accepts; it changes how an answer is delivered, not what it is,
 * so it is not part of equality.
 *
 * @param name             absolute owner name
 * @param type             RR type, e.g. {@link Type#A}
 * @param dclass           RR class, normally {@link DClass#IN}
 * @param dnssecOk         the EDNS DO bit
 * @param checkingDisabled the CD header bit
 * @param udpPayloadSize   EDNS UDP payload size to advertise; 0 means no EDNS (a 512-byte limit)
 */
public record Query(Name name, int type, int dclass, boolean dnssecOk, boolean checkingDisabled,
                    int udpPayloadSize) {

    /** The EDNS UDP payload size of DNS Flag Day 2020, the default for queries we originate. */
    public static final int DEFAULT_UDP_PAYLOAD_SIZE = 1232;

    public Query {
        Objects.requireNonNull(name, "name");
        if (!name.isAbsolute()) {
            throw new IllegalArgumentException("query name must be absolute: " + name);
        }
        Type.check(type);
        DClass.check(dclass);
        if (udpPayloadSize != 0 && (udpPayloadSize < 512 || udpPayloadSize > 65535)) {
            throw new IllegalArgumentException(
                    "udpPayloadSize must be 0 (no EDNS) or 512..65535, was " + udpPayloadSize);
        }
    }

    /** An IN-class query for {@code name} (made absolute), with EDNS 1232 and no DO/CD. */
    public static Query of(String name, int type) {
        try {
            return of(Name.fromString(name, Name.root), type);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a valid DNS name: '" + name + "'", e);
        }
    }

    /** An IN-class query for the absolute {@code name}, with EDNS 1232 and no DO/CD. */
    public static Query of(Name name, int type) {
        return new Query(name, type, DClass.IN, false, false, DEFAULT_UDP_PAYLOAD_SIZE);
    }

    /**
     * The query asked by {@code message}: its single question, its CD bit, and its EDNS DO bit and
     * payload size. The message is only read.
     *
     * @throws IllegalArgumentException when the message does not hold exactly one question
     */
    public static Query from(Message message) {
        Record[] questions = message.getSectionArray(Section.QUESTION);
        if (questions.length != 1) {
            throw new IllegalArgumentException("a query needs exactly one question, found " + questions.length);
        }
        Record question = questions[0];
        OPTRecord opt = message.getOPT();
        boolean dnssecOk = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
        int payload = opt == null ? 0 : Math.max(512, Math.min(65535, opt.getPayloadSize()));
        return new Query(question.getName(), question.getType(), question.getDClass(), dnssecOk,
                message.getHeader().getFlag(Flags.CD), payload);
    }

    /** A copy with another EDNS payload size (0 for none). */
    public Query withUdpPayloadSize(int size) {
        return new Query(name, type, dclass, dnssecOk, checkingDisabled, size);
    }

    /** A copy with the DO bit set or cleared. */
    public Query withDnssecOk(boolean dnssecOk) {
        return new Query(name, type, dclass, dnssecOk, checkingDisabled, udpPayloadSize);
    }

    /** A copy with the CD bit set or cleared. */
    public Query withCheckingDisabled(boolean checkingDisabled) {
        return new Query(name, type, dclass, dnssecOk, checkingDisabled, udpPayloadSize);
    }

    /**
     * A new recursive query message for this question: the given ID, RD set, CD as asked, and an
     * OPT record with the payload size and DO bit when EDNS is on.
     */
    public Message toMessage(int id) {
        Message message = new Message(id);
        message.getHeader().setFlag(Flags.RD);
        if (checkingDisabled) {
            message.getHeader().setFlag(Flags.CD);
        }
        message.addRecord(Record.newRecord(name, type, dclass), Section.QUESTION);
        if (udpPayloadSize > 0) {
            message.addRecord(new OPTRecord(udpPayloadSize, 0, 0, dnssecOk ? ExtendedFlags.DO : 0),
                    Section.ADDITIONAL);
        }
        return message;
    }

    /** The wire form of {@link #toMessage(int)}. */
    public byte[] toWire(int id) {
        return toMessage(id).toWire();
    }

    /** Whether {@code other} asks the same question: name (case-insensitively), type and class. */
    public boolean sameQuestion(Name otherName, int otherType, int otherClass) {
        return type == otherType && dclass == otherClass && name.equals(otherName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query q && type == q.type && dclass == q.dclass && dnssecOk == q.dnssecOk
                && checkingDisabled == q.checkingDisabled && name.equals(q.name);
    }

    @Override
    public int hashCode() {
        int h = name.hashCode();
        h = 31 * h + type;
        h = 31 * h + dclass;
        return 4 * h + (dnssecOk ? 2 : 0) + (checkingDisabled ? 1 : 0);
    }

    @Override
    public String toString() {
        return name + " " + DClass.string(dclass) + " " + Type.string(type)
                + (dnssecOk ? " +do" : "") + (checkingDisabled ? " +cd" : "");
    }
}
