package io.trailhound.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (version 2018-06-01) as the runtime interface client calls it, on a loopback port:
 * {@code GET /runtime/invocation/next} (blocks until an invocation is queued; answers its payload with the
 * {@code Lambda-Runtime-Aws-Request-Id}, {@code Lambda-Runtime-Deadline-Ms},
 * {@code Lambda-Runtime-Invoked-Function-Arn} and {@code Lambda-Runtime-Trace-Id} headers),
 * {@code POST /runtime/invocation/{id}/response} and {@code /error}, {@code POST /runtime/init/error}, and for
 * SnapStart {@code GET /runtime/restore/next} (the runtime calls it after the beforeCheckpoint hooks; it answers
 * once the test restores) and {@code POST /runtime/restore/error}. Accepted posts get 202, as Lambda answers.
 * One emulator serves one runtime process at a time (Lambda runs one invocation per environment).
 */
final class RuntimeApiEmulator implements AutoCloseable {
    static final String PREFIX = "/2018-06-01/runtime";

    /** What the runtime posted for one invocation. */
    record Posted(boolean error, String body, String errorType) {}

    /** An invocation waiting for the runtime to take it. */
    record Pending(String requestId, String payload, long deadlineMs, CompletableFuture<Posted> result) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final String functionArn;
    private volatile BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private volatile CompletableFuture<Long> restoreRequested = new CompletableFuture<>();
    private volatile CompletableFuture<Void> restoreReleased = new CompletableFuture<>();
    private volatile CompletableFuture<Posted> initError = new CompletableFuture<>();

    RuntimeApiEmulator(String functionArn) throws IOException {
        this.functionArn = functionArn;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext(PREFIX + "/", this::handle);
        server.start();
    }

    /** The value of AWS_LAMBDA_RUNTIME_API: host and port, no scheme. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forget the previous runtime process (after a timeout or crash Lambda starts a fresh environment). */
    void reset() {
        firstNext = new CompletableFuture<>();
        restoreRequested = new CompletableFuture<>();
        restoreReleased = new CompletableFuture<>();
        initError = new CompletableFuture<>();
        queue = new LinkedBlockingQueue<>(); // a /next of the dead process may still be waiting on the old one
        inFlight.clear();
    }

    /** Completes with System.nanoTime() when the runtime first asks for an invocation: init (or restore) is over. */
    CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** Completes with System.nanoTime() when the runtime asks /restore/next: the beforeCheckpoint hooks have run. */
    CompletableFuture<Long> restoreRequested() {
        return restoreRequested;
    }

    CompletableFuture<Posted> initError() {
        return initError;
    }

    /** Lets the pending /restore/next answer: the snapshot is "restored". */
    void releaseRestore() {
        restoreReleased.complete(null);
    }

    /** Queues an invocation with the given time limit; the future completes when the runtime posts its result. */
    Pending enqueue(String payload, Duration timeout) {
        Pending p = new Pending(
                UUID.randomUUID().toString(),
                payload,
                System.currentTimeMillis() + timeout.toMillis(),
                new CompletableFuture<>());
        inFlight.put(p.requestId(), p);
        queue.add(p);
        return p;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            if (method.equals("GET") && path.equals("/invocation/next")) {
                next(exchange);
            } else if (method.equals("GET") && path.equals("/restore/next")) {
                restoreRequested.complete(System.nanoTime());
                restoreReleased.join();
                reply(exchange, 200, "");
            } else if (method.equals("POST") && (path.equals("/init/error") || path.equals("/restore/error"))) {
                initError.complete(new Posted(true, text(body), errorType));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST")
                    && path.startsWith("/invocation/")
                    && (path.endsWith("/response") || path.endsWith("/error"))) {
                String id = path.substring("/invocation/".length(), path.lastIndexOf('/'));
                Pending p = inFlight.remove(id);
                if (p == null) {
                    reply(exchange, 400, "{\"errorMessage\":\"unknown or already answered request id " + id + "\"}");
                    return;
                }
                p.result().complete(new Posted(path.endsWith("/error"), text(body), errorType));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"no such Runtime API path: " + method + " " + path + "\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void next(HttpExchange exchange) throws IOException, InterruptedException {
        firstNext.complete(System.nanoTime());
        Pending p = queue.take();
        var headers = exchange.getResponseHeaders();
        headers.add("Lambda-Runtime-Aws-Request-Id", p.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms", String.valueOf(p.deadlineMs()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.add(
                "Lambda-Runtime-Trace-Id",
                "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                        + p.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
        headers.add("Content-Type", "application/json");
        reply(exchange, 200, p.payload());
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        restoreReleased.complete(null);
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
