package dev.offpay.web.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offpay.core.DomainEvent;
import dev.offpay.core.PaymentException;
import dev.offpay.core.Seller;
import dev.offpay.mws.IpnXml;
import dev.offpay.notify.Notifier;
import dev.offpay.notify.SnsEnvelope;
import dev.offpay.store.JdbcOutbox;
import dev.offpay.web.SandboxAuth;
import dev.offpay.web.WebContext;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IPN signing certificate and the seller's notification tools (JSON, HTTP Basic with the
 * seller's keys): the delivery log, resend, pause/resume, injected faults, and the buyer mailbox.
 *
 * <pre>
 * GET    {certificate path}                               the SNS signing certificate (PEM)
 * GET    /sandbox/v1/notifications[?orderReferenceId=&amp;status=&amp;channel=ipn|email&amp;limit=]
 * GET    /sandbox/v1/notifications/{id}                   one notification, its attempts, payload and envelope
 * POST   /sandbox/v1/notifications/{id}/resend            deliver it again now
 * GET    /sandbox/v1/notifications/controls               {paused, faults}
 * POST   /sandbox/v1/notifications/pause | /resume
 * PUT    /sandbox/v1/notifications/faults                 {failNext, failStatus, duplicateNext, delay, reorderNext}
 * DELETE /sandbox/v1/notifications/faults
 * GET    /sandbox/v1/mailbox[?orderReferenceId=&amp;to=&amp;limit=]
 * </pre>
 */
public final class NotificationRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LIMIT = 1000;

    private NotificationRoutes() {
    }

    public static void register(Javalin app, WebContext web, Notifier notifier) {
        for (String path : notifier.certificatePaths()) {
            app.get(path, ctx -> ctx.contentType("application/x-pem-file").result(notifier.certificatePem()));
        }
        // The fixed paths come before /{id} so that they are never read as an id.
        app.get("/sandbox/v1/notifications/controls", ctx -> ctx.json(controls(notifier.controls(seller(ctx, web).id()))));
        app.post("/sandbox/v1/notifications/pause", ctx -> ctx.json(controls(notifier.pause(seller(ctx, web).id()))));
        app.post("/sandbox/v1/notifications/resume", ctx -> ctx.json(controls(notifier.resume(seller(ctx, web).id()))));
        app.get("/sandbox/v1/notifications/faults", ctx -> ctx.json(controls(notifier.controls(seller(ctx, web).id()))));
        app.put("/sandbox/v1/notifications/faults", ctx -> setFaults(ctx, web, notifier));
        app.post("/sandbox/v1/notifications/faults", ctx -> setFaults(ctx, web, notifier));
        app.delete("/sandbox/v1/notifications/faults", ctx -> {
            Seller s = seller(ctx, web);
            ctx.json(controls(notifier.setFaults(s.id(), 0, 503, 0, Duration.ZERO, 0)));
        });
        app.get("/sandbox/v1/notifications", ctx -> list(ctx, web, notifier));
        app.get("/sandbox/v1/notifications/{id}", ctx -> {
            Seller s = seller(ctx, web);
            Notifier.LogEntry e = notifier.entry(s.id(), ctx.pathParam("id")).orElseThrow(() -> notFound(ctx.pathParam("id")));
            ctx.json(detail(e, s, notifier));
        });
        app.post("/sandbox/v1/notifications/{id}/resend", ctx -> {
            Seller s = seller(ctx, web);
            Notifier.LogEntry e = notifier.resend(s, ctx.pathParam("id")).orElseThrow(() -> notFound(ctx.pathParam("id")));
            ctx.json(entry(e));
        });
        app.get("/sandbox/v1/mailbox", ctx -> mailbox(ctx, web, notifier));
    }

    private static Seller seller(Context ctx, WebContext web) {
        return SandboxAuth.seller(ctx, web.store());
    }

    private static NotFoundResponse notFound(String id) {
        return new NotFoundResponse("this seller has no notification " + id);
    }

    private static void list(Context ctx, WebContext web, Notifier notifier) {
        Seller s = seller(ctx, web);
        String channel = ctx.queryParam("channel");
        if (channel != null && !channel.equals("ipn") && !channel.equals("email")) {
            throw PaymentException.invalidParameter("channel must be ipn or email, got \"" + channel + "\"");
        }
        String status = ctx.queryParam("status");
        List<Notifier.LogEntry> entries = notifier.log(s.id(), ctx.queryParam("orderReferenceId"),
                status == null ? null : status.toUpperCase(), "email".equals(channel), limit(ctx));
        Map<String, Object> out = new LinkedHashMap<>(controls(notifier.controls(s.id())));
        out.put("notifications", entries.stream().map(NotificationRoutes::entry).toList());
        ctx.json(out);
    }

    private static int limit(Context ctx) {
        String l = ctx.queryParam("limit");
        if (l == null) return MAX_LIMIT;
        try {
            int n = Integer.parseInt(l);
            if (n < 1 || n > MAX_LIMIT) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw PaymentException.invalidParameter("limit must be a number from 1 to " + MAX_LIMIT + ", got \"" + l + "\"");
        }
    }

    static Map<String, Object> entry(Notifier.LogEntry e) {
        JdbcOutbox.Row r = e.row();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("channel", r.isEmail() ? "email" : "ipn");
        m.put("eventType", r.eventType());
        if (!r.isEmail()) {
            m.put("notificationType", IpnXml.notificationType(DomainEvent.Type.valueOf(r.eventType())));
            m.put("notificationReferenceId", r.id());
            m.put("messageId", SnsEnvelope.messageId(r.id()));
        }
        m.put("environment", r.environment().wireName());
        m.put("amazonOrderReferenceId", r.orderReferenceId());
        m.put("objectId", r.objectId());
        m.put("seq", r.seq());
        m.put("status", r.status());
        m.put("attemptCount", r.attempts());
        m.put("createdAt", time(r.createdMs()));
        m.put("nextAttemptAt", JdbcOutbox.PENDING.equals(r.status()) ? time(r.nextAttemptMs()) : null);
        m.put("deliveredAt", r.deliveredMs() == null ? null : time(r.deliveredMs()));
        m.put("lastStatusCode", r.lastStatus());
        m.put("lastError", r.lastError());
        m.put("attempts", e.attempts().stream().map(a -> {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("attempt", a.attempt());
            am.put("kind", a.kind());
            am.put("at", time(a.atMs()));
            am.put("url", a.url());
            am.put("statusCode", a.statusCode());
            am.put("latencyMs", a.latencyMs());
            am.put("error", a.error());
            return am;
        }).toList());
        return m;
    }

    private static Map<String, Object> detail(Notifier.LogEntry e, Seller s, Notifier notifier) throws Exception {
        Map<String, Object> m = entry(e);
        JdbcOutbox.Row r = e.row();
        if (r.isEmail()) {
            m.put("email", r.payload() == null ? null : JSON.readTree(r.payload()));
        } else {
            m.put("notificationData", r.payload());
            // The exact body every attempt posts (signing is deterministic for one row).
            m.put("envelope", notifier.envelope(r, s).body());
        }
        return m;
    }

    private static Map<String, Object> controls(JdbcOutbox.Controls c) {
        Map<String, Object> faults = new LinkedHashMap<>();
        faults.put("failNext", c.failNext());
        faults.put("failStatus", c.failStatus());
        faults.put("duplicateNext", c.duplicateNext());
        faults.put("delay", Duration.ofMillis(c.delayMs()).toString());
        faults.put("reorderNext", c.reorderNext());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("paused", c.paused());
        m.put("faults", faults);
        return m;
    }

    private static void setFaults(Context ctx, WebContext web, Notifier notifier) throws Exception {
        Seller s = seller(ctx, web);
        String body = ctx.body();
        JsonNode b = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        if (!b.isObject()) throw PaymentException.invalidParameter("the body must be a JSON object");
        JdbcOutbox.Controls c = notifier.controls(s.id());
        int failNext = count(b, "failNext", c.failNext());
        int failStatus = count(b, "failStatus", c.failStatus());
        int duplicateNext = count(b, "duplicateNext", c.duplicateNext());
        int reorderNext = count(b, "reorderNext", c.reorderNext());
        Duration delay = Duration.ofMillis(c.delayMs());
        if (b.has("delay")) {
            JsonNode d = b.get("delay");
            try {
                delay = d.isNull() ? Duration.ZERO : d.isNumber() ? Duration.ofMillis(d.asLong()) : Duration.parse(d.asText());
            } catch (DateTimeParseException e) {
                throw PaymentException.invalidParameter("delay must be an ISO-8601 duration such as PT5S (or milliseconds), got \"" + d.asText() + "\"");
            }
        }
        try {
            ctx.json(controls(notifier.setFaults(s.id(), failNext, failStatus, duplicateNext, delay, reorderNext)));
        } catch (IllegalArgumentException e) {
            throw PaymentException.invalidParameter(e.getMessage());
        }
    }

    private static int count(JsonNode b, String field, int current) {
        if (!b.has(field)) return current;
        JsonNode n = b.get(field);
        if (n.isNull()) return 0;
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw PaymentException.invalidParameter(field + " must be a whole number, got " + n);
        }
        return n.asInt();
    }

    private static void mailbox(Context ctx, WebContext web, Notifier notifier) throws Exception {
        Seller s = seller(ctx, web);
        List<JdbcOutbox.Mail> mails = notifier.mailbox(s.id(), ctx.queryParam("orderReferenceId"), ctx.queryParam("to"), limit(ctx));
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (JdbcOutbox.Mail m : mails) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", m.id());
            o.put("type", m.eventType());
            o.put("environment", m.environment().wireName());
            o.put("amazonOrderReferenceId", m.orderReferenceId());
            o.put("objectId", m.objectId());
            o.put("createdAt", time(m.createdMs()));
            o.put("to", m.to());
            o.put("subject", m.subject());
            o.put("text", m.body());
            o.put("fields", m.fields() == null ? Map.of() : JSON.readTree(m.fields()));
            o.put("smtpStatus", m.smtpStatus());
            o.put("smtpError", m.smtpError());
            list.add(o);
        }
        ctx.json(Map.of("messages", list));
    }

    private static String time(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
