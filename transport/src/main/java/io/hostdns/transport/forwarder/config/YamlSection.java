package io.hostdns.transport.forwarder.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One YAML mapping of the configuration with its field path, giving typed values or a
 * {@link ConfigException} that names the path, the value and the expected type.
 */
final class YamlSection {

    private final String path;
    private final Map<String, Object> values;

    private YamlSection(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    /** {@code value} as a section at {@code path}; it must be a mapping with string keys. */
    static YamlSection of(String path, @Nullable Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw ConfigException.invalid(path, value, "a mapping of keys to values");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw ConfigException.invalid(path, e.getKey(), "a mapping with string keys");
            }
            copy.put(key, e.getValue());
        }
        return new YamlSection(path, copy);
    }

    String path() {
        return path;
    }

    String child(String key) {
        return path + "." + key;
    }

    /** Fails on the first key not in {@code allowed}, listing the allowed ones. */
    YamlSection allowOnly(Set<String> allowed) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new ConfigException(child(key), "unknown key '" + key + "' in " + path + "; allowed keys: "
                        + String.join(", ", allowed.stream().sorted().toList()), null);
            }
        }
        return this;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The raw keys and values, in document order. */
    Map<String, Object> entries() {
        return values;
    }

    boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null && !has(key)) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw ConfigException.invalid(child(key), v, "true or false");
    }

    int integer(String key, int fallback) {
        Object v = values.get(key);
        if (v == null && !has(key)) {
            return fallback;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw ConfigException.invalid(child(key), v, "an integer");
    }

    /** A number at {@code key} (an integer or a decimal), {@code fallback} when absent. */
    double number(String key, double fallback, String what) {
        Object v = values.get(key);
        if (v == null && !has(key)) {
            return fallback;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Double) {
            return ((Number) v).doubleValue();
        }
        throw ConfigException.invalid(child(key), v, what);
    }

    String string(String key, String fallback, String what) {
        Object v = values.get(key);
        if (v == null && !has(key)) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw ConfigException.invalid(child(key), v, what);
    }

    /** The string at {@code key}, or null when absent or written as YAML null. */
    @Nullable String optionalString(String key, String what) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw ConfigException.invalid(child(key), v, what);
    }

    Duration duration(String key, Duration fallback) {
        Object v = values.get(key);
        if (v == null && !has(key)) {
            return fallback;
        }
        if (v instanceof String s) {
            return Durations.parse(child(key), s);
        }
        throw ConfigException.invalid(child(key), v, Durations.FORMAT);
    }

    /** The list of strings at {@code key}, or null when absent; {@code what} names one element. */
    @Nullable List<String> strings(String key, String what) {
        if (!has(key)) {
            return null;
        }
        return strings(child(key), values.get(key), what);
    }

    /** {@code value} as a list of strings at {@code path}. */
    static List<String> strings(String path, @Nullable Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw ConfigException.invalid(path, value, "a list of " + what);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw ConfigException.invalid(path + "[" + i + "]", list.get(i), "a string (one of the " + what + ")");
            }
            out.add(s);
        }
        return out;
    }

    /** The nested section at {@code key}, or null when absent. */
    @Nullable YamlSection section(String key) {
        return has(key) ? of(child(key), values.get(key)) : null;
    }
}
