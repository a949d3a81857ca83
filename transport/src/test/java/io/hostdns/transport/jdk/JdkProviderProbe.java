package io.hostdns.transport.jdk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The program {@link JdkProviderOnNewerJdkTest} runs on JDK 25: resolves each argument with plain
 * {@code InetAddress} and prints {@code name=addr,addr} or {@code name=UNKNOWN:message}, one per line.
 */
public final class JdkProviderProbe {

    private JdkProviderProbe() {
    }

    public static void main(String[] args) {
        for (String host : args) {
            try {
                String addresses = Arrays.stream(InetAddress.getAllByName(host))
                        .map(InetAddress::getHostAddress).collect(Collectors.joining(","));
                System.out.println(host + "=" + addresses);
            } catch (UnknownHostException e) {
                System.out.println(host + "=UNKNOWN:" + e.getMessage());
            }
        }
    }
}
