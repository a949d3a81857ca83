package io.hostdns.transport.forwarder;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSON (RFC 8259) into a buffer: objects, arrays, strings escaped, numbers, booleans and null, with the
 * commas placed by the writer. Just enough for {@code /upstreams}; the caller keeps begin and end calls paired.
 */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder(512);
    // whether the current object or array already has a member, one bit per nesting level
    private long hasMember;
    private int depth;

    JsonWriter beginObject() {
        value();
        out.append('{');
        push();
        return this;
    }

    JsonWriter endObject() {
        depth--;
        out.append('}');
        return this;
    }

    JsonWriter beginArray() {
        value();
        out.append('[');
        push();
        return this;
    }

    JsonWriter endArray() {
        depth--;
        out.append(']');
        return this;
    }

    /** The name of the next member of the current object. */
    JsonWriter name(String name) {
        comma();
        quote(name);
        out.append(':');
        hasMember &= ~(1L << depth); // the value that follows needs no comma of its own
        return this;
    }

    JsonWriter value(@Nullable String text) {
        value();
        if (text == null) {
            out.append("null");
        } else {
            quote(text);
        }
        return this;
    }

    JsonWriter value(long number) {
        value();
        out.append(number);
        return this;
    }

    JsonWriter value(double number) {
        value();
        out.append(Double.isFinite(number) ? String.format(Locale.ROOT, "%.3f", number) : "null");
        return this;
    }

    JsonWriter value(boolean flag) {
        value();
        out.append(flag);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void push() {
        depth++;
        hasMember &= ~(1L << depth);
    }

    private void value() {
        comma();
    }

    private void comma() {
        if (depth > 0 && (hasMember & (1L << depth)) != 0) {
            out.append(',');
        }
        hasMember |= 1L << depth;
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
