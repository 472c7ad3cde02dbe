package dev.offpay.mws;

import dev.offpay.core.CurrencyCode;
import dev.offpay.core.ErrorCode;
import dev.offpay.core.Money;
import dev.offpay.core.PaymentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Typed access to request parameters; every malformed value becomes InvalidParameterValue with a clear message. */
final class Params {
    private static final Pattern REFERENCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private final Map<String, String> raw;

    Params(Map<String, String> raw) {
        this.raw = raw;
    }

    Map<String, String> raw() {
        return raw;
    }

    /** The value, or null when absent or empty (empty values are treated as absent). */
    String optional(String name) {
        String v = raw.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    String optional(String name, int maxLength) {
        String v = optional(name);
        if (v != null && v.codePointCount(0, v.length()) > maxLength) {
            throw invalid(name + " is " + v.codePointCount(0, v.length()) + " characters long; at most " + maxLength + " are allowed");
        }
        return v;
    }

    String required(String name) {
        String v = optional(name);
        if (v == null) throw invalid("The required parameter " + name + " is missing");
        return v;
    }

    String referenceId(String name) {
        String v = required(name);
        if (!REFERENCE_ID.matcher(v).matches()) {
            throw invalid(name + " \"" + v + "\" is invalid: expected 1 to 32 characters from a-z, A-Z, 0-9, '-' and '_'");
        }
        return v;
    }

    Boolean bool(String name) {
        String v = optional(name);
        if (v == null) return null;
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw invalid(name + " \"" + v + "\" is not a boolean; expected true or false");
    }

    Integer integer(String name, int min, int max) {
        String v = optional(name);
        if (v == null) return null;
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(name + " \"" + v + "\" is not a whole number");
        }
        if (n < min || n > max) throw invalid(name + " " + n + " is out of range; expected " + min + " to " + max);
        return n;
    }

    /** {@code prefix}.Amount + {@code prefix}.CurrencyCode; null when neither is given. */
    Money money(String prefix, boolean required) {
        String amount = optional(prefix + ".Amount");
        String currency = optional(prefix + ".CurrencyCode");
        if (amount == null && currency == null) {
            if (required) throw invalid("The required parameter " + prefix + ".Amount is missing");
            return null;
        }
        if (amount == null) throw invalid("The required parameter " + prefix + ".Amount is missing");
        if (currency == null) throw invalid("The required parameter " + prefix + ".CurrencyCode is missing");
        CurrencyCode c = CurrencyCode.parse(currency);
        if (c == null) throw invalid(prefix + ".CurrencyCode \"" + currency + "\" is not a supported ISO 4217 currency code");
        try {
            return Money.parse(c, amount);
        } catch (IllegalArgumentException e) {
            throw invalid(prefix + ".Amount " + e.getMessage());
        }
    }

    /** name.1, name.2, … until the first gap. */
    List<String> list(String name) {
        List<String> l = new ArrayList<>();
        for (int i = 1; ; i++) {
            String v = optional(name + "." + i);
            if (v == null) return l.isEmpty() ? null : l;
            l.add(v);
        }
    }

    static PaymentException invalid(String message) {
        return new PaymentException(ErrorCode.InvalidParameterValue, message);
    }
}
