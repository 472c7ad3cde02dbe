package dev.offpay.notify;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A merchant's IPN endpoint on a free port: records every POST and answers with a settable status. */
final class Receiver implements AutoCloseable {
    /** One received request. Header names are lower-case. */
    record Request(Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ipn", ex -> {
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            synchronized (requests) {
                requests.add(new Request(headers, body));
            }
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ipn";
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
