package io.trailhound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class SdkLogProviderTest {
    @Test
    void slf4jHandsTheSdkThisProvidersLoggers() {
        assertThat(LoggerFactory.getLogger("software.amazon.awssdk.core.retry.ClockSkew"))
                .isInstanceOf(SdkLogger.class)
                .extracting(org.slf4j.Logger::getName)
                .isEqualTo("software.amazon.awssdk.core.retry.ClockSkew");
    }

    @Test
    void inLambdaALineGoesThroughTheRuntimesLoggerAsTheFunctionsOwnLinesDo() {
        SdkLogger.Sink lambda = SdkLogProvider.destination(Map.of(SdkLogProvider.LAMBDA_RUNTIME_API, "127.0.0.1:9001"));

        Captured c = capture(() -> lambda.write(Level.WARN, "software.amazon.awssdk.X: careful <b>"));

        assertThat(c.out())
                .as("outside Lambda the runtime's logger writes to stdout; in Lambda it adds time, level, request id")
                .isEqualTo("alarm (none): software.amazon.awssdk.X: careful \\u003Cb\\u003E");
        assertThat(c.err()).isEmpty();
    }

    @Test
    void elsewhereALineIsTheClisStderrLineWithItsLevel() {
        SdkLogger.Sink cli = SdkLogProvider.destination(Map.of());

        Captured c = capture(() -> {
            cli.write(Level.WARN, "software.amazon.awssdk.X: careful");
            cli.write(Level.ERROR, "software.amazon.awssdk.Y: failed");
        });

        assertThat(c.err())
                .isEqualTo("trailhound: WARN software.amazon.awssdk.X: careful" + System.lineSeparator()
                        + "trailhound: ERROR software.amazon.awssdk.Y: failed" + System.lineSeparator());
        assertThat(c.out()).isEmpty();
    }

    private record Captured(String out, String err) {}

    private static Captured capture(Runnable run) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Captured(o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
