package dev.offpay.mws;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * AWS Signature Version 2 as MWS clients compute it (spec §3), verified in constant time and tolerant
 * of the documented client quirks: host with or without port, Java's literal "http://host:port"
 * host line, a trailing slash on the path, and npm's lower-case "%2a".
 */
public final class SignatureVerifier {
    private SignatureVerifier() {
    }

    /** RFC 3986 encoding: unreserved characters as is, everything else %XX upper-case, space = %20. */
    public static String encode(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** Every parameter but Signature, sorted by name, as enc(name)=enc(value) joined with '&'. */
    public static String canonicalQuery(Map<String, String> params) {
        StringBuilder sb = new StringBuilder(256);
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (e.getKey().equals("Signature")) continue;
            if (sb.length() > 0) sb.append('&');
            sb.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        return sb.toString();
    }

    /** Mac.getInstance looks up a provider each time; every request verifies several candidates, so keep one per thread. */
    private static final ThreadLocal<java.util.Map<String, Mac>> MACS = ThreadLocal.withInitial(java.util.HashMap::new);

    public static String sign(String stringToSign, String secret, String method) {
        String alg = "HmacSHA1".equals(method) ? "HmacSHA1" : "HmacSHA256";
        try {
            java.util.Map<String, Mac> macs = MACS.get();
            Mac mac = macs.get(alg);
            if (mac == null) {
                mac = Mac.getInstance(alg);
                macs.put(alg, mac);
            }
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), alg));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(alg + " unavailable", e);
        }
    }

    /**
     * True when {@code signature} matches one of the candidate strings to sign.
     *
     * @param hostHeader the Host header as received
     * @param extraHosts further host names the server is known by (public URL host)
     */
    public static boolean verify(String httpMethod, String hostHeader, Set<String> extraHosts, String path,
                                 Map<String, String> params, String secret, String signatureMethod, String signature) {
        byte[] given = signature.getBytes(StandardCharsets.UTF_8);
        String canonical = canonicalQuery(params);
        List<String> queries = new ArrayList<>(2);
        queries.add(canonical);
        if (canonical.contains("%2A")) queries.add(canonical.replace("%2A", "%2a")); // npm's encoding of '*'
        for (String host : hostLines(hostHeader, extraHosts)) {
            for (String p : paths(path)) {
                for (String q : queries) {
                    String expected = sign(httpMethod + "\n" + host + "\n" + p + "\n" + q, secret, signatureMethod);
                    if (MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8))) return true;
                }
            }
        }
        return false;
    }

    static Set<String> hostLines(String hostHeader, Set<String> extraHosts) {
        Set<String> hosts = new LinkedHashSet<>();
        List<String> bases = new ArrayList<>();
        if (hostHeader != null && !hostHeader.isEmpty()) bases.add(hostHeader.toLowerCase());
        for (String h : extraHosts) bases.add(h.toLowerCase());
        for (String h : bases) {
            hosts.add(h);
            int colon = h.lastIndexOf(':');
            if (colon > 0 && h.indexOf(']') < colon) hosts.add(h.substring(0, colon)); // npm drops the port
            hosts.add("http://" + h); // Java SDK with an http:// override URL signs the scheme
        }
        return hosts;
    }

    static List<String> paths(String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        if (p.length() > 1 && p.endsWith("/")) return List.of(p, p.substring(0, p.length() - 1));
        return List.of(p, p + "/");
    }
}
