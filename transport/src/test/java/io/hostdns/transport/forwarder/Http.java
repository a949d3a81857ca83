package io.hostdns.transport.forwarder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real HTTP client (the JDK's) for the endpoint tests, and a reader of the Prometheus text format. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)(\\s+\\d+)?$");

    private Http() {
    }

    /** GET {@code path} from {@code server}. */
    static HttpResponse<String> get(InetSocketAddress server, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + server.getAddress().getHostAddress() + ":" + server.getPort() + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The samples of a Prometheus text exposition: {@code name{labels}} (labels as written, sorted by the
     * registry) to value; fails on a line that is neither a comment nor a sample.
     */
    static Map<String, Double> samples(String exposition) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a Prometheus text sample: " + line);
            }
            String value = m.group(3);
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)),
                    value.equals("NaN") ? Double.NaN : Double.parseDouble(value.replace("+Inf", "Infinity")));
        }
        return samples;
    }

    /** The sum of every sample named {@code name} whose labels contain each of {@code labels} ({@code k="v"}). */
    static double sum(Map<String, Double> samples, String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            String key = e.getKey();
            int brace = key.indexOf('{');
            String metric = brace < 0 ? key : key.substring(0, brace);
            if (!metric.equals(name)) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= key.contains(label);
            }
            if (all) {
                sum += e.getValue();
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no sample " + name + " with " + String.join(",", labels));
        }
        return sum;
    }
}
