package io.hostdns.transport.internal;

import java.util.Locale;

/**
 * The truth about a UDP socket's receive buffer, for the one start-up log line. Linux keeps
 * {@code 2 * min(requested, net.core.rmem_max)} for a {@code SO_RCVBUF} request (half of it for its own
 * bookkeeping) and reports that doubled figure back, so "requested 4194304, got 8388608" reads like a gift
 * and a capped buffer reads like success. Comparing the request with what the kernel allowed, the halved
 * report on Linux, says what the operator needs: granted, or capped by {@code net.core.rmem_max} and by how
 * much. No file is read: the reported size alone tells whether the cap applied.
 */
public final class ReceiveBuffers {

    private ReceiveBuffers() {
    }

    /** Whether this JVM runs on Linux, whose {@code getsockopt(SO_RCVBUF)} reports twice the granted size. */
    public static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /**
     * One line saying whether {@code requested} bytes were granted.
     *
     * @param socket   names the socket, e.g. the upstream it talks to
     * @param reported what {@code getsockopt(SO_RCVBUF)} returned after the request
     * @param linux    whether the kernel is Linux (reports double)
     */
    public static String describe(String socket, int requested, int reported, boolean linux) {
        int allowed = linux ? reported / 2 : reported;
        if (allowed >= requested) {
            return socket + ": UDP receive buffer of " + requested + " bytes granted"
                    + (linux ? " (Linux reports " + reported + ", twice the size, counting its bookkeeping)" : "");
        }
        return socket + ": UDP receive buffer capped at " + allowed + " bytes, " + requested + " requested: the "
                + "kernel allows no more (net.core.rmem_max); sysctl -w net.core.rmem_max=" + requested
                + " gives the full buffer";
    }
}
