package dev.offpay.mws;

import dev.offpay.core.ErrorCode;
import dev.offpay.core.PaymentException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes application/x-www-form-urlencoded text ('+' = space, %XX = UTF-8 bytes); the first of repeated names wins. */
public final class FormDecoder {
    private FormDecoder() {
    }

    public static Map<String, String> decode(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) return params;
        int start = 0;
        while (start <= form.length()) {
            int amp = form.indexOf('&', start);
            if (amp < 0) amp = form.length();
            if (amp > start) {
                String pair = form.substring(start, amp);
                int eq = pair.indexOf('=');
                String name = component(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : component(pair.substring(eq + 1));
                params.putIfAbsent(name, value);
            }
            start = amp + 1;
        }
        return params;
    }

    private static String component(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new PaymentException(ErrorCode.InvalidParameterValue,
                            "The request body is not valid form encoding: '%' must be followed by two hex digits near \"" + s + "\"");
                }
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new PaymentException(ErrorCode.InvalidParameterValue, "The request contains percent-encoded bytes that are not UTF-8");
        }
    }
}
