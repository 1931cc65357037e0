package io.trailhound.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A protocol stand-in in front of moto: CloudWatch's SDK client (2.5x) speaks only Smithy RPCv2 CBOR, and moto
 * (5.2; none of its releases so far) answers CloudWatch in its JSON 1.0 and query protocols only. This
 * translates each RPCv2 CBOR request ({@code POST /service/GraniteServiceVersion20100801/operation/Op}, a CBOR
 * body) into the same operation in CloudWatch's JSON 1.0 protocol ({@code X-Amz-Target:
 * GraniteServiceVersion20100801.Op}, the same document as JSON) and moto's answer, success or error, back
 * into CBOR, so moto's real CloudWatch state answers. Only the encoding changes: timestamps are epoch seconds
 * in both, blobs base64 in JSON. Every other request passes through unchanged.
 */
final class CloudWatchCborStandIn implements AutoCloseable {
    static final Pattern RPC_V2_PATH = Pattern.compile("/service/([^/]+)/operation/([^/?]+)");
    private static final Set<String> HOP_BY_HOP =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");
    /** Set per request below: the encoding headers of the one protocol or the other. */
    private static final Set<String> RESTRICTED = Set.of(
            "host",
            "connection",
            "content-length",
            "expect",
            "upgrade",
            "transfer-encoding",
            "content-type",
            "accept",
            "smithy-protocol",
            "x-amz-target");

    private static final ObjectMapper CBOR = new CBORMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String upstream;

    CloudWatchCborStandIn(String upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cloudwatch-cbor-stand-in");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Matcher rpcV2 = RPC_V2_PATH.matcher(exchange.getRequestURI().getPath());
            boolean cbor = rpcV2.matches();
            HttpRequest.Builder request;
            if (cbor) {
                JsonNode document = body.length == 0 ? JSON.createObjectNode() : CBOR.readTree(body);
                request = HttpRequest.newBuilder(URI.create(upstream + "/"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(document)))
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("X-Amz-Target", rpcV2.group(1) + "." + rpcV2.group(2));
            } else {
                request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                copy(exchange, "Content-Type", request);
                copy(exchange, "Accept", request);
                copy(exchange, "X-Amz-Target", request);
            }
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] answer = response.body();
            JsonNode document = cbor ? jsonOrNull(answer) : null;
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase();
                boolean encoding = lower.equals("content-type") || lower.equals("smithy-protocol");
                if (!HOP_BY_HOP.contains(lower) && !name.equals(":status") && !(document != null && encoding)) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            if (document != null) { // anything else (moto's HTML 500 for an operation it lacks) passes unchanged
                answer = CBOR.writeValueAsBytes(document);
                exchange.getResponseHeaders().add("Content-Type", "application/cbor");
                exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            }
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode jsonOrNull(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static void copy(HttpExchange exchange, String header, HttpRequest.Builder request) {
        List<String> values = exchange.getRequestHeaders().get(header);
        if (values != null) {
            values.forEach(v -> request.header(header, v));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
