package dev.offpay.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for sandbox simulation strings. It is lenient in one documented way: the
 * Integration Guide prints capture and refund simulations as
 * {@code {"SandboxSimulation": {"State": "Declined"}, {"ReasonCode": "AmazonRejected"}}} — a bare
 * object where a member is expected — and merchants copy that text, so such an object's members are
 * merged into the enclosing object. Values come back as Map, List, String, Long, Boolean or null.
 */
public final class LenientJson {
    private final String s;
    private int i;

    private LenientJson(String s) {
        this.s = s;
    }

    /** @throws IllegalArgumentException when the text is not (lenient) JSON */
    public static Object parse(String text) {
        LenientJson p = new LenientJson(text);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.i != p.s.length()) throw p.error("unexpected text after the JSON value");
        return v;
    }

    private Object value() {
        ws();
        if (i >= s.length()) throw error("unexpected end");
        char c = s.charAt(i);
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') return string();
        if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
        if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
        if (s.startsWith("null", i)) { i += 4; return null; }
        if (c == '-' || Character.isDigit(c)) return number();
        throw error("unexpected character '" + c + "'");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        i++; // {
        ws();
        if (peek('}')) { i++; return m; }
        while (true) {
            ws();
            if (peek('{')) {
                m.putAll(object()); // the guide's bare-object quirk
            } else {
                String key = string();
                ws();
                expect(':');
                m.put(key, value());
            }
            ws();
            if (peek(',')) { i++; continue; }
            if (peek('}')) { i++; return m; }
            throw error("expected ',' or '}'");
        }
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        i++;
        ws();
        if (peek(']')) { i++; return l; }
        while (true) {
            l.add(value());
            ws();
            if (peek(',')) { i++; continue; }
            if (peek(']')) { i++; return l; }
            throw error("expected ',' or ']'");
        }
    }

    private String string() {
        if (!peek('"')) throw error("expected a string");
        i++;
        StringBuilder sb = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') return sb.toString();
            if (c == '\\') {
                if (i >= s.length()) break;
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) throw error("bad \\u escape");
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated string");
    }

    private Object number() {
        int start = i;
        if (peek('-')) i++;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || ".eE+-".indexOf(s.charAt(i)) >= 0)) i++;
        String t = s.substring(start, i);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return t; // decimals are kept as text; simulations only use whole numbers
        }
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) {
        if (!peek(c)) throw error("expected '" + c + "'");
        i++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at position " + i);
    }
}
