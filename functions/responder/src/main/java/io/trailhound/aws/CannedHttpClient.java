package io.trailhound.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;

/**
 * An in-process {@link SdkHttpClient} that answers each operation with a canned response and never opens a
 * connection. The operation is named as the SDK sends it: the {@code X-Amz-Target} header for JSON protocols
 * ("Logs_20140328.FilterLogEvents"), {@code Action=…} in the form body for query protocols ("Action=Publish"),
 * service and operation from the path for Smithy RPCv2 CBOR ("GraniteServiceVersion20100801.DescribeAlarms"
 * from {@code /service/GraniteServiceVersion20100801/operation/DescribeAlarms}).
 * An operation without a canned response gets a 400 that names it, so a new call on the path shows up.
 */
public final class CannedHttpClient implements SdkHttpClient {
    /** A canned response: status, content type, body, and the error type header for errors. */
    public record Canned(int status, String contentType, byte[] body, String errorType) {
        public static Canned json(String body) {
            return new Canned(200, "application/x-amz-json-1.1", utf8(body), null);
        }

        /** A REST-JSON answer (Security Hub): the operation is named by method and path, not by a header. */
        public static Canned restJson(String body) {
            return new Canned(200, "application/json", utf8(body), null);
        }

        public static Canned xml(String body) {
            return new Canned(200, "text/xml", utf8(body), null);
        }

        /** A Smithy RPCv2 CBOR answer (CloudWatch since SDK 2.5x): the body is a CBOR document. */
        public static Canned cbor(byte[] body) {
            return new Canned(200, CBOR, body.clone(), null);
        }

        public static Canned jsonError(int status, String errorType, String message) {
            return new Canned(
                    status,
                    "application/x-amz-json-1.1",
                    utf8("{\"__type\":\"" + errorType + "\",\"message\":\"" + message + "\"}"),
                    errorType);
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    static final String CBOR = "application/cbor";
    private static final Pattern RPC_V2_PATH = Pattern.compile("/service/([^/]+)/operation/([^/]+)");

    private final Map<String, Canned> responses;
    private final Set<String> answered = ConcurrentHashMap.newKeySet();

    public CannedHttpClient(Map<String, Canned> responses) {
        this.responses = Map.copyOf(responses);
    }

    /** The operations answered so far (canned or not). */
    public Set<String> answered() {
        return Set.copyOf(answered);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                String operation = operationOf(request);
                answered.add(operation);
                Canned canned = responses.getOrDefault(
                        operation,
                        Canned.jsonError(400, "UnknownOperationException", "no canned response for " + operation));
                byte[] body = canned.body();
                SdkHttpFullResponse.Builder response = SdkHttpFullResponse.builder()
                        .statusCode(canned.status())
                        .putHeader("Content-Type", canned.contentType())
                        .putHeader("Content-Length", String.valueOf(body.length))
                        .putHeader("x-amzn-RequestId", "canned");
                if (canned.errorType() != null) {
                    response.putHeader("x-amzn-ErrorType", canned.errorType());
                }
                if (canned.contentType().equals(CBOR)) {
                    response.putHeader("smithy-protocol", "rpc-v2-cbor");
                }
                AbortableInputStream stream = AbortableInputStream.create(new ByteArrayInputStream(body));
                return HttpExecuteResponse.builder()
                        .response(response.build())
                        .responseBody(stream)
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    static String operationOf(HttpExecuteRequest request) {
        Optional<String> target = request.httpRequest().firstMatchingHeader("X-Amz-Target");
        if (target.isPresent()) {
            return target.get();
        }
        Matcher rpcV2 = RPC_V2_PATH.matcher(request.httpRequest().encodedPath());
        if (rpcV2.matches()) {
            return rpcV2.group(1) + "." + rpcV2.group(2);
        }
        String body =
                request.contentStreamProvider().map(p -> read(p.newStream())).orElse("");
        for (String pair : body.split("&")) {
            if (pair.startsWith("Action=")) {
                return pair;
            }
        }
        return request.httpRequest().method() + " " + request.httpRequest().encodedPath();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String clientName() {
        return "canned";
    }

    @Override
    public void close() {}
}
