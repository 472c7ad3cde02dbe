package dev.offpay.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Amazon MWS Signature Version 2 as used by the CV1 API: canonical query, string to sign and HMAC. */
public final class SignatureV2 {

    /** Name of the parameter that carries the signature; it never takes part in its own computation. */
    public static final String SIGNATURE = "Signature";
    /** The signature method every official client sends. */
    public static final String HMAC_SHA256 = "HmacSHA256";
    /** The older method MWS still accepts. */
    public static final String HMAC_SHA1 = "HmacSHA1";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SignatureV2() {}

    /**
     * Percent-encodes per RFC 3986: {@code A-Z a-z 0-9 - _ . ~} stay, every other UTF-8 byte becomes
     * {@code %XX} with upper-case hex (so a space is {@code %20}, never {@code +}).
     */
    public static String rfc3986(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0x0f]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    /**
     * Every parameter except {@code Signature}, sorted by name, rendered {@code enc(name)=enc(value)} and
     * joined with {@code &}. A null value is rendered like an empty one ({@code name=}).
     */
    public static String canonicalQuery(Map<String, String> params) {
        return render(params, false);
    }

    /**
     * The {@code application/x-www-form-urlencoded} body of a request: all parameters including
     * {@code Signature}, in name order (as the official Java client sends them), RFC 3986 encoded.
     */
    public static String formBody(Map<String, String> params) {
        return render(params, true);
    }

    private static String render(Map<String, String> params, boolean includeSignature) {
        // Names are ASCII, so String order equals the byte order the other clients sort by.
        TreeMap<String, String> sorted = new TreeMap<>(params);
        StringJoiner joined = new StringJoiner("&");
        for (Map.Entry<String, String> entry : sorted.entrySet()) {
            if (!includeSignature && SIGNATURE.equals(entry.getKey())) {
                continue;
            }
            String value = entry.getValue() == null ? "" : entry.getValue();
            joined.add(rfc3986(entry.getKey()) + "=" + rfc3986(value));
        }
        return joined.toString();
    }

    /**
     * {@code <method>\n<host line>\n<path>\n<canonical query>}, no trailing newline; an empty path
     * counts as {@code /}.
     */
    public static String stringToSign(String method, String hostLine, String path, Map<String, String> params) {
        String signedPath = path == null || path.isEmpty() ? "/" : path;
        return method.toUpperCase(Locale.ROOT) + "\n" + hostLine + "\n" + signedPath + "\n" + canonicalQuery(params);
    }

    /** Base64 of the HMAC of the UTF-8 string to sign; {@code algorithm} is {@code HmacSHA256} or {@code HmacSHA1}. */
    public static String sign(String stringToSign, String secretKey, String algorithm) {
        if (!HMAC_SHA256.equals(algorithm) && !HMAC_SHA1.equals(algorithm)) {
            throw new IllegalArgumentException(
                    "SignatureMethod \"" + algorithm + "\" is not supported; use " + HMAC_SHA256 + " or " + HMAC_SHA1);
        }
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), algorithm));
            byte[] digest = mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("JDK cannot compute " + algorithm, e);
        }
    }

    /** The {@code Timestamp} parameter: UTC, second precision, {@code yyyy-MM-dd'T'HH:mm:ss'Z'}. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The host line a client signs for an endpoint: lower-case host, plus {@code :port} only when the
     * port is given and is not the scheme's default (MWS: "standard port numbers should not be included").
     */
    public static String hostLine(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            throw new IllegalArgumentException("Endpoint " + endpoint + " has no host");
        }
        host = host.toLowerCase(Locale.ROOT);
        int port = endpoint.getPort();
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1
                || ("https".equals(scheme) && port == 443)
                || ("http".equals(scheme) && port == 80);
        return defaultPort ? host : host + ":" + port;
    }
}
