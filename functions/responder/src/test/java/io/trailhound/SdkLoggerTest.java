package io.trailhound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class SdkLoggerTest {
    private record Written(Level level, String line) {}

    private final List<Written> written = new ArrayList<>();
    private final SdkLogger clockSkew = new SdkLogger(
            "software.amazon.awssdk.core.retry.ClockSkew", (level, line) -> written.add(new Written(level, line)));

    @Test
    void aWarningIsOneLineNamingTheLoggerAndTheThrowablesClassAndMessageWithoutItsStackTrace() {
        clockSkew.warn(
                "Unable to parse clock skew offset from response: {}",
                "yesterday",
                new DateTimeParseException("Text 'yesterday' could not be parsed at index 0", "yesterday", 0));

        assertThat(written)
                .containsExactly(new Written(
                        Level.WARN,
                        "software.amazon.awssdk.core.retry.ClockSkew: Unable to parse clock skew offset from response:"
                                + " yesterday (java.time.format.DateTimeParseException: Text 'yesterday' could not be"
                                + " parsed at index 0)"));
    }

    @Test
    void anErrorCarriesTheStackTraceAndItsCausesOnTheSameLine() {
        clockSkew.error(
                "Interceptor chain threw an error from onExecutionFailure().",
                new IllegalStateException("boom", new IOException("connection reset")));

        assertThat(written).singleElement().satisfies(w -> {
            assertThat(w.level()).isEqualTo(Level.ERROR);
            assertThat(w.line())
                    .startsWith(
                            "software.amazon.awssdk.core.retry.ClockSkew: Interceptor chain threw an error from"
                                    + " onExecutionFailure(). (java.lang.IllegalStateException: boom at io.trailhound.SdkLoggerTest.")
                    .contains(" Caused by: java.io.IOException: connection reset ")
                    .endsWith(")")
                    .doesNotContain("\n", "\r", "\t");
        });
    }

    @Test
    void lineBreaksInTheMessageCannotSplitTheEntry() {
        clockSkew.warn("first\nsecond\r\n    third\u2028fourth");

        assertThat(written)
                .extracting(Written::line)
                .containsExactly("software.amazon.awssdk.core.retry.ClockSkew: first second third fourth");
    }

    @Test
    void nothingBelowWarnIsWrittenNorItsArgumentsFormatted() {
        Object expensive = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("formatted a disabled level's argument");
            }
        };

        clockSkew.trace("trace {}", expensive);
        clockSkew.debug("debug {}", expensive);
        clockSkew.debug("debug {} {}", expensive, expensive);
        clockSkew.info("info {}", expensive);
        clockSkew.atDebug().log("fluent {}", expensive);

        assertThat(written).isEmpty();
        assertThat(List.of(clockSkew.isTraceEnabled(), clockSkew.isDebugEnabled(), clockSkew.isInfoEnabled()))
                .containsOnly(false);
        assertThat(List.of(clockSkew.isWarnEnabled(), clockSkew.isErrorEnabled()))
                .containsOnly(true);
    }
}
