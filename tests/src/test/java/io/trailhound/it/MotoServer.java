package io.trailhound.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the moto server ({@code python3 -m moto.server}) on a free loopback port for a test class, resets
 * its state before each test, and stops it afterwards. If moto cannot start, the test fails and says how
 * to install it: integration tests never skip. The endpoint is {@link CloudWatchCborStandIn} in front of it:
 * CloudWatch's SDK client speaks a protocol moto does not (Smithy RPCv2 CBOR); everything else passes through.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    public static final String ACCOUNT = "123456789012"; // moto's default account
    public static final String REGION = "us-east-1";

    private Process process;
    private int port;
    private CloudWatchCborStandIn cbor;

    /** Where the tests and the function send their AWS calls. */
    public String endpoint() {
        return cbor.endpoint();
    }

    /** moto itself. */
    private String motoEndpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The environment a Trailhound process would get to talk to this moto. */
    public Map<String, String> env() {
        return Map.of(
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing",
                "AWS_REGION",
                REGION,
                "AWS_ENDPOINT_URL",
                endpoint());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-", ".log");
        try {
            process = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run python3 for the moto server (" + e.getMessage()
                            + "); install Python 3 and moto: pip install 'moto[server]'",
                    e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the moto server exited at once; is moto installed? pip install 'moto[server]'\n"
                                + Files.readString(log));
            }
            if (ready()) {
                cbor = new CloudWatchCborStandIn(motoEndpoint());
                return;
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "the moto server did not answer within 60 s on " + motoEndpoint() + "\n" + Files.readString(log));
    }

    private boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create(motoEndpoint() + "/moto-api/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(1000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        HttpURLConnection c = (HttpURLConnection)
                URI.create(motoEndpoint() + "/moto-api/reset").toURL().openConnection();
        c.setRequestMethod("POST");
        if (c.getResponseCode() != 200) {
            throw new IllegalStateException("moto reset failed: HTTP " + c.getResponseCode());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cbor != null) {
            cbor.close();
        }
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
