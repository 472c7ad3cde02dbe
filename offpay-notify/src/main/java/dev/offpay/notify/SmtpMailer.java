package dev.offpay.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Sends buyer e-mails over SMTP, configured by one URL:
 * {@code smtp://[user[:password]@]host[:port][?from=address&starttls=true]} or {@code smtps://…} (TLS).
 * The Message-ID is derived from the outbox row id, so a resent copy can be recognised as the same e-mail.
 */
public final class SmtpMailer {
    private static final String DEFAULT_FROM = "Amazon Pay (Offpay sandbox) <payments-messages@offpay.invalid>";
    private final Session session;
    private final InternetAddress from;
    private final String description;

    public SmtpMailer(String smtpUrl) {
        URI uri = URI.create(smtpUrl);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw new IllegalArgumentException("OFFPAY_SMTP_URL must start with smtp:// or smtps://");
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("OFFPAY_SMTP_URL has no host");
        Map<String, String> query = query(uri.getRawQuery());
        boolean tls = scheme.equals("smtps");
        String p = "mail." + scheme + ".";
        Properties props = new Properties();
        props.put("mail.transport.protocol", scheme);
        props.put(p + "host", uri.getHost());
        props.put(p + "port", String.valueOf(uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 25));
        props.put(p + "connectiontimeout", "10000");
        props.put(p + "timeout", "10000");
        props.put(p + "writetimeout", "10000");
        if ("true".equalsIgnoreCase(query.get("starttls"))) props.put(p + "starttls.enable", "true");
        String userInfo = uri.getRawUserInfo();
        Authenticator auth = null;
        if (userInfo != null && !userInfo.isEmpty()) {
            int i = userInfo.indexOf(':');
            String user = decode(i < 0 ? userInfo : userInfo.substring(0, i));
            String password = i < 0 ? "" : decode(userInfo.substring(i + 1));
            props.put(p + "auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        this.session = Session.getInstance(props, auth);
        try {
            this.from = new InternetAddress(query.getOrDefault("from", DEFAULT_FROM), true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("OFFPAY_SMTP_URL from= is not an e-mail address: " + e.getMessage());
        }
        // Without the user info: the password must never reach a log.
        this.description = scheme + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    /** Sends one e-mail; throws with the server's answer when it is not accepted. */
    public void send(String messageKey, String to, String toName, String subject, String text) throws MessagingException {
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageKey + "@offpay>");
            }
        };
        m.setFrom(from);
        try {
            m.setRecipient(MimeMessage.RecipientType.TO, toName == null ? new InternetAddress(to, true)
                    : new InternetAddress(to, toName, StandardCharsets.UTF_8.name()));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("cannot encode the recipient name", e);
        }
        m.setSubject(subject, StandardCharsets.UTF_8.name());
        m.setText(text, StandardCharsets.UTF_8.name());
        m.saveChanges();
        Transport.send(m);
    }

    @Override
    public String toString() {
        return description;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null) return m;
        for (String part : raw.split("&")) {
            int i = part.indexOf('=');
            if (i > 0) m.put(decode(part.substring(0, i)), decode(part.substring(i + 1)));
        }
        return m;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
