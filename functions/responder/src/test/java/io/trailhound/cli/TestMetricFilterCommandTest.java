package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestMetricFilterCommandTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(
                args,
                java.util.Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsMatchesLikeTheAwsCliWithOneBasedEventNumbers() throws Exception {
        Path file = dir.resolve("events.txt");
        Files.writeString(file, "{\"a\":1}\nnope\n{\"a\":2,\"m\":\"é \\\"q\\\"\"}\n");
        Run run = cli(
                "test-metric-filter", "--filter-pattern", "{ $.a >= 1 }", "--log-event-messages-file", file.toString());
        assertThat(run.status()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        "{\"matches\":[{\"eventNumber\":1,\"eventMessage\":\"{\\\"a\\\":1}\",\"extractedValues\":{}},"
                                + "{\"eventNumber\":3,\"eventMessage\":\"{\\\"a\\\":2,\\\"m\\\":\\\"é \\\\\\\"q\\\\\\\"\\\"}\",\"extractedValues\":{}}]}\n");
    }

    @Test
    void extractedValuesForSpaceDelimitedPatterns() throws Exception {
        Path file = dir.resolve("events.txt");
        Files.writeString(file, "ERROR 500 /x\n");
        Run run = cli(
                "test-metric-filter",
                "--filter-pattern",
                "[level, code > 499, ...]",
                "--log-event-messages-file",
                file.toString());
        assertThat(run.out()).contains("\"extractedValues\":{\"$level\":\"ERROR\",\"$code\":\"500\",\"$3\":\"/x\"}");
    }

    @Test
    void invalidPatternIsExitTwoWithOneLineAndNoStackTrace() throws Exception {
        Path file = dir.resolve("events.txt");
        Files.writeString(file, "x\n");
        Run run =
                cli("test-metric-filter", "--filter-pattern", "{ $.a = ", "--log-event-messages-file", file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo(
                        "trailhound: invalid filter pattern at position 8: expected a value but the pattern ended\n");
    }

    @Test
    void usageErrorsAreExitOne() {
        assertThat(cli("test-metric-filter", "--filter-pattern", "x").status()).isEqualTo(1);
        assertThat(cli("test-metric-filter", "--bogus", "x").err()).contains("unknown option '--bogus'");
        assertThat(cli("frobnicate").err()).startsWith("trailhound: unknown command 'frobnicate'");
        assertThat(cli(
                                "test-metric-filter",
                                "--filter-pattern",
                                "x",
                                "--log-event-messages-file",
                                dir.resolve("missing").toString())
                        .err())
                .isEqualTo("trailhound: no such file: " + dir.resolve("missing") + "\n");
    }
}
