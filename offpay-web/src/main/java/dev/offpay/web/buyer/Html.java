package dev.offpay.web.buyer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Small helpers for the server-rendered buyer pages. */
final class Html {
    static final ObjectMapper JSON = new ObjectMapper();

    private Html() {
    }

    /** Escapes text for element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** JSON safe to place inside a script element. */
    static String scriptJson(Object value) {
        try {
            return JSON.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String url(String s) {
        return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A complete page with the shared look of Offpay's hosted pages. */
    static String page(String title, String body) {
        return page(title, "", body);
    }

    static String page(String title, String head, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0, maximum-scale=1.0\">"
                + "<title>" + esc(title) + "</title><style>" + CSS + "</style>" + head + "</head><body>" + body + "</body></html>";
    }

    static final String CSS = """
            *{box-sizing:border-box}
            body{font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#111;margin:0;background:#fff}
            .brand{background:#232f3e;color:#fff;padding:10px 16px;font-weight:bold;display:flex;justify-content:space-between;align-items:center}
            .brand .smile{color:#ff9900}
            .brand .store{font-weight:normal;font-size:13px}
            .sandbox{background:#fff3cd;color:#664d03;font-size:12px;padding:4px 16px}
            main{padding:16px;max-width:960px;margin:0 auto}
            h1{font-size:20px;font-weight:normal;margin:8px 0 16px}
            h2{font-size:16px;margin:20px 0 8px}
            label{display:block;font-weight:bold;margin:10px 0 4px}
            input[type=email],input[type=password],input[type=text]{width:100%;padding:7px;border:1px solid #a6a6a6;border-radius:3px;font-size:14px}
            button,.btn{background:linear-gradient(#f7dfa5,#f0c14b);border:1px solid #a88734;border-radius:3px;padding:7px 14px;font-size:14px;cursor:pointer;color:#111;text-decoration:none;display:inline-block}
            button:disabled{opacity:.5;cursor:not-allowed}
            .alert{border:1px solid #c40000;border-left-width:4px;padding:8px 12px;color:#c40000;margin:8px 0;border-radius:3px}
            .ok{border:1px solid #067d62;border-left-width:4px;padding:8px 12px;color:#067d62;margin:8px 0;border-radius:3px}
            .hint{color:#555;font-size:12px;margin-top:16px}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #ddd;font-size:13px}
            .tag{display:inline-block;font-size:11px;padding:1px 6px;border-radius:8px;background:#eee;margin-left:6px}
            .tag.declined{background:#fde2e1;color:#a00}
            .tag.notallowed{background:#eee;color:#555}
            """;
}
