package dev.offpay.web;

import dev.offpay.core.Seller;
import dev.offpay.core.Store;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** HTTP Basic authentication of the sandbox helpers: user = the seller's access key, password = its secret key. */
public final class SandboxAuth {
    private SandboxAuth() {
    }

    /** The authenticated seller, or a 401 with a JSON error. */
    public static Seller seller(Context ctx, Store store) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            ctx.header("WWW-Authenticate", "Basic realm=\"offpay-sandbox\"");
            throw new UnauthorizedResponse("HTTP Basic authentication required: user = the seller's access key, password = its secret key");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UnauthorizedResponse("the Basic credentials are not valid base64");
        }
        int i = decoded.indexOf(':');
        if (i < 0) throw new UnauthorizedResponse("the Basic credentials must be accessKey:secretKey");
        Seller s = store.sellerByAccessKey(decoded.substring(0, i)).orElse(null);
        byte[] given = decoded.substring(i + 1).getBytes(StandardCharsets.UTF_8);
        byte[] expected = (s == null ? "" : s.secretKey()).getBytes(StandardCharsets.UTF_8);
        if (s == null || !MessageDigest.isEqual(given, expected)) {
            throw new UnauthorizedResponse("unknown access key or wrong secret key");
        }
        return s;
    }
}
