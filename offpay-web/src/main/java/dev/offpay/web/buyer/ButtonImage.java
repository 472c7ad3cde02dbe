package dev.offpay.web.buyer;

import io.javalin.http.Context;

import java.util.Locale;

/**
 * The "Pay with Amazon" button image (/gp/widgets/button) as SVG: the guide's sizes (medium 126×24,
 * large 151×27, x-large 173×27, plus small 100×22) and colours (orange, tan; the Login and Pay
 * gold, lightgray, darkgray); type PwA (default), Pay, A or LwA.
 */
final class ButtonImage {
    private ButtonImage() {
    }

    record Size(int width, int height) {
    }

    static Size size(String s) {
        return switch (s == null ? "medium" : s.toLowerCase(Locale.ROOT)) {
            case "small" -> new Size(100, 22);
            case "large" -> new Size(151, 27);
            case "x-large", "xlarge" -> new Size(173, 27);
            default -> new Size(126, 24);
        };
    }

    /** Top and bottom of the gradient, border, text colour. */
    static String[] colours(String c) {
        return switch (c == null ? "orange" : c.toLowerCase(Locale.ROOT)) {
            case "tan" -> new String[]{"#f3e6c9", "#dcc492", "#a88734", "#111111"};
            case "gold" -> new String[]{"#f7dfa5", "#f0c14b", "#a88734", "#111111"};
            case "lightgray" -> new String[]{"#f7f8fa", "#e7e9ec", "#adb1b8", "#111111"};
            case "darkgray" -> new String[]{"#5d6b7a", "#3a4553", "#232f3e", "#ffffff"};
            default -> new String[]{"#fbd48a", "#f4a51c", "#b97a0f", "#111111"};
        };
    }

    static String label(String type) {
        if (type == null) return "Pay with Amazon";
        return switch (type) {
            case "LwA", "Login" -> "Login with Amazon";
            case "Pay" -> "Pay";
            case "A" -> "amazon";
            default -> "Pay with Amazon";
        };
    }

    static void serve(Context ctx) {
        Size s = size(ctx.queryParam("size"));
        String[] c = colours(ctx.queryParam("color"));
        String text = label(ctx.queryParam("type"));
        int font = s.height() <= 22 ? 11 : s.height() <= 24 ? 12 : 13;
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + s.width() + "\" height=\"" + s.height()
                + "\" viewBox=\"0 0 " + s.width() + " " + s.height() + "\" role=\"img\" aria-label=\"" + text + "\">"
                + "<defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"" + c[0]
                + "\"/><stop offset=\"1\" stop-color=\"" + c[1] + "\"/></linearGradient></defs>"
                + "<rect x=\"0.5\" y=\"0.5\" rx=\"3\" ry=\"3\" width=\"" + (s.width() - 1) + "\" height=\"" + (s.height() - 1)
                + "\" fill=\"url(#g)\" stroke=\"" + c[2] + "\"/>"
                + "<text x=\"50%\" y=\"50%\" dominant-baseline=\"central\" text-anchor=\"middle\" font-family=\"Arial,Helvetica,sans-serif\" "
                + "font-size=\"" + font + "\" font-weight=\"bold\" fill=\"" + c[3] + "\">" + text + "</text>"
                + "<path d=\"M" + (s.width() / 2 - 30) + " " + (s.height() - 5) + " q30 5 60 0\" stroke=\"#ff9900\" stroke-width=\"1.5\" fill=\"none\"/>"
                + "</svg>";
        ctx.contentType("image/svg+xml").header("Cache-Control", "public, max-age=3600")
                .header("Access-Control-Allow-Origin", "*").result(svg);
    }
}
