package dev.offpay.web;

import dev.offpay.core.PaymentException;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;

import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON error shape for the sandbox, admin and buyer JSON APIs: {"error": code, "message": text}. */
public final class JsonErrors {
    private JsonErrors() {
    }

    public static Map<String, Object> body(String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", message);
        return m;
    }

    /** Maps domain errors to their HTTP status (from ErrorCode) and framework errors to JSON. */
    public static void register(Javalin app) {
        app.exception(PaymentException.class, (e, ctx) -> ctx.status(e.code().httpStatus()).json(body(e.code().name(), e.getMessage())));
        app.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(body(statusCode(e.getStatus()), e.getMessage())));
        app.exception(com.fasterxml.jackson.core.JsonProcessingException.class,
                (e, ctx) -> ctx.status(400).json(body("InvalidJson", "The request body is not valid JSON: " + e.getOriginalMessage())));
    }

    private static String statusCode(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            default -> "Error";
        };
    }
}
