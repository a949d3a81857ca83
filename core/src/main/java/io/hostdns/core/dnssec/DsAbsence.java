package io.hostdns.core.dnssec;

/**
 * What a signed denial says about a name {@code N} that has no DS (the answer to a DS query for {@code N}
 * made while walking down a chain of trust).
 *
 * @param kind    what {@code N} is
 * @param verdict why, for {@link Kind#INSECURE} and {@link Kind#BOGUS}
 */
record DsAbsence(Kind kind, Verdict verdict) {

    enum Kind {
        /** A delegation without DS (or inside an NSEC3 opt-out span): the zone below is insecure. */
        INSECURE,
        /** No zone cut at {@code N}: the keys above still govern it. */
        NOT_A_CUT,
        /** The denial contradicts itself or proves nothing. */
        BOGUS
    }

    static final DsAbsence NOT_A_CUT = new DsAbsence(Kind.NOT_A_CUT, Verdict.SECURE);

    static DsAbsence insecure(String reason) {
        return new DsAbsence(Kind.INSECURE, Verdict.insecure(reason));
    }

    static DsAbsence bogus(int ede, String reason) {
        return new DsAbsence(Kind.BOGUS, Verdict.bogus(ede, reason));
    }
}
