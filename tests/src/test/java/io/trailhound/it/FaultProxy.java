package io.trailhound.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of moto that answers chosen operations (by {@code X-Amz-Target}) with an
 * injected AWS error for a number of calls (or, for the benchmark only, with a fixed answer), and forwards
 * everything else unchanged: AccessDenied, throttling and 5xx without hand-written SDK mocks.
 */
final class FaultProxy implements AutoCloseable {
    private static final Set<String> RESTRICTED =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

    record Fault(int status, String errorType, String message, AtomicInteger remaining) {}

    record Answer(String contentType, byte[] body) {}

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String upstream;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, List<Instant>> callTimes = new ConcurrentHashMap<>();
    private final Map<String, byte[]> lastBodies = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final Map<String, List<Answer>> pages = new ConcurrentHashMap<>();

    FaultProxy(String upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        })); // concurrent calls (a lookup beside the describes) must not queue behind a delayed one
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The next {@code times} calls of {@code target} fail this way: an X-Amz-Target such as
     * "secretsmanager.RestoreSecret", or "Action=Publish" for query-protocol services.
     */
    void fail(String target, int times, int status, String errorType, String message) {
        faults.put(target, new Fault(status, errorType, message, new AtomicInteger(times)));
    }

    /**
     * One request as the proxy received it, for a stand-in that answers from what was asked, and for tests
     * that check which credentials each call used: {@code accessKey} is the signing key (SigV4 Credential=).
     */
    record Call(String target, String region, String accessKey, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final List<Call> received = new CopyOnWriteArrayList<>();
    private final Map<String, List<Refusal>> refusals = new ConcurrentHashMap<>();

    record Refusal(String bodyContains, Fault fault) {}

    private final Map<String, java.util.function.UnaryOperator<byte[]>> transforms = new ConcurrentHashMap<>();
    private final Map<String, List<byte[]>> responses = new ConcurrentHashMap<>();

    /**
     * moto's answers to {@code target} are changed by {@code change} before they are returned (a behaviour
     * moto lacks, such as CloudWatch Logs applying a JSON filter pattern on its side).
     */
    void transform(String target, java.util.function.UnaryOperator<byte[]> change) {
        transforms.put(target, change);
    }

    /** The bodies of moto's answers to {@code target} as returned (after any transform), in order. */
    List<byte[]> responses(String target) {
        return List.copyOf(responses.getOrDefault(target, List.of()));
    }

    /** Every call so far, in order of arrival. */
    List<Call> received() {
        return List.copyOf(received);
    }

    /** Every call of {@code target} whose body contains {@code text} fails this way (one account's AssumeRole). */
    void refuse(String target, String text, int status, String errorType, String message) {
        refusals.computeIfAbsent(target, t -> new CopyOnWriteArrayList<>())
                .add(new Refusal(text, new Fault(status, errorType, message, new AtomicInteger(Integer.MAX_VALUE))));
    }

    /** Calls of {@code target} are no longer refused (the outage {@link #refuse} stood for is over). */
    void stopRefusing(String target) {
        refusals.remove(target);
    }

    private final Map<String, java.util.function.Function<Call, Answer>> standIns = new ConcurrentHashMap<>();

    /** Every call of {@code target} is answered by {@code standIn} (an operation moto does not implement). */
    void answerWith(String target, java.util.function.Function<Call, Answer> standIn) {
        standIns.put(target, standIn);
    }

    /**
     * The first calls of {@code target} get these answers in turn (pages of a stand-in); later calls go on
     * to moto as usual (for an operation moto lacks, a failure).
     */
    void answerInTurn(String target, String contentType, List<String> bodies) {
        pages.put(
                target,
                new CopyOnWriteArrayList<>(bodies.stream()
                        .map(b -> new Answer(contentType, b.getBytes(StandardCharsets.UTF_8)))
                        .toList()));
    }

    /** The body of the last call of {@code target}, as text. */
    String lastBody(String target) {
        byte[] body = lastBodies.get(target);
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    /** Every call of {@code target} waits this long before it is answered (a slow service). */
    void delay(String target, java.time.Duration delay) {
        delays.put(target, delay.toMillis());
    }

    /** Answer every call without delay again. */
    void clearDelays() {
        delays.clear();
    }

    /**
     * Every call of {@code target} gets this answer: a stand-in for an operation moto does not implement, or
     * a behaviour it does not show (FilterLogEvents' empty pages that still carry a nextToken).
     */
    void answer(String target, String contentType, String body) {
        answers.put(target, new Answer(contentType, body.getBytes(StandardCharsets.UTF_8)));
    }

    int calls(String target) {
        return calls.getOrDefault(target, new AtomicInteger()).get();
    }

    /** When each call of {@code target} reached the proxy, in order. */
    List<Instant> callTimes(String target) {
        return List.copyOf(callTimes.getOrDefault(target, List.of()));
    }

    /** A form parameter of the last call of a query-protocol {@code target} (such as SNS's Message), decoded. */
    String lastFormParameter(String target, String name) {
        byte[] body = lastBodies.get(target);
        if (body == null) {
            return null;
        }
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = operationOf(exchange, body);
            if (target != null) {
                calls.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
                callTimes
                        .computeIfAbsent(target, t -> new CopyOnWriteArrayList<>())
                        .add(Instant.now());
                lastBodies.put(target, body);
                received.add(new Call(target, signingRegion(exchange), accessKey(exchange), body));
                Long delay = delays.get(target);
                if (delay != null) {
                    Thread.sleep(delay);
                }
                Fault fault = faults.get(target);
                String text = new String(body, StandardCharsets.UTF_8);
                for (Refusal r : refusals.getOrDefault(target, List.of())) {
                    if (text.contains(r.bodyContains())) {
                        fault = r.fault();
                    }
                }
                if (fault != null && fault.remaining().getAndDecrement() > 0) {
                    byte[] error = target.startsWith("Action=") ? queryError(fault) : jsonError(fault);
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", fault.errorType());
                    reply(
                            exchange,
                            fault.status(),
                            target.startsWith("Action=") ? "text/xml" : "application/x-amz-json-1.1",
                            error);
                    return;
                }
                List<Answer> turn = pages.get(target);
                Answer next = null;
                if (turn != null) {
                    synchronized (turn) {
                        if (!turn.isEmpty()) {
                            next = turn.remove(0);
                        }
                    }
                }
                Answer answer = next != null ? next : answers.get(target);
                var standIn = standIns.get(target); // a test's fixed answers come first, then the stand-in
                if (answer == null && standIn != null) {
                    answer = standIn.apply(new Call(target, signingRegion(exchange), accessKey(exchange), body));
                }
                if (answer != null) {
                    reply(exchange, 200, answer.contentType(), answer.body());
                    return;
                }
            }
            forward(exchange, body, target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Region a SigV4 request was signed for: Credential=KEY/DATE/REGION/SERVICE/aws4_request. */
    private static String signingRegion(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        int at = auth == null ? -1 : auth.indexOf("Credential=");
        if (at < 0) {
            return null;
        }
        String[] scope = auth.substring(at + "Credential=".length()).split("[/,]");
        return scope.length > 2 ? scope[2] : null;
    }

    /** The access key a SigV4 request was signed with: Credential=KEY/DATE/REGION/SERVICE/aws4_request. */
    private static String accessKey(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        int at = auth == null ? -1 : auth.indexOf("Credential=");
        if (at < 0) {
            return null;
        }
        return auth.substring(at + "Credential=".length()).split("[/,]")[0];
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * JSON protocols name the operation in X-Amz-Target; query protocols (SNS) as Action=… in the form body;
     * Smithy RPCv2 CBOR (CloudWatch) in the path, named here as its JSON target would be
     * ("GraniteServiceVersion20100801.DescribeAlarms").
     */
    private static String operationOf(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            return target;
        }
        java.util.regex.Matcher rpcV2 = CloudWatchCborStandIn.RPC_V2_PATH.matcher(
                exchange.getRequestURI().getPath());
        if (rpcV2.matches()) {
            return rpcV2.group(1) + "." + rpcV2.group(2);
        }
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.startsWith("Action=")) {
                return "Action=" + pair.substring(7);
            }
        }
        return null;
    }

    private void forward(HttpExchange exchange, byte[] body, String target) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase()) && !name.equals(":status")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        byte[] answer = response.body();
        if (target != null) {
            var change = transforms.get(target);
            if (change != null && response.statusCode() == 200) {
                answer = change.apply(answer);
            }
            responses.computeIfAbsent(target, t -> new CopyOnWriteArrayList<>()).add(answer);
        }
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private static byte[] jsonError(Fault fault) {
        return ("{\"__type\":\"" + fault.errorType() + "\",\"message\":\"" + fault.message() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] queryError(Fault fault) {
        return ("<ErrorResponse><Error><Type>Sender</Type><Code>" + fault.errorType() + "</Code><Message>"
                        + fault.message() + "</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
