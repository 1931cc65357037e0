package io.trailhound.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.alert.RenderedAlert;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamPublisherTest {
    static final RenderedAlert ALERT = new RenderedAlert(
            "Trailhound: secret prod/db (scheduled for deletion) used by app",
            "Trailhound alert: Secret scheduled for deletion was accessed (severity HIGH)\n",
            "{\"source\":\"trailhound\",\"version\":1}",
            Map.of("detection", "SECRET_MARKED_FOR_DELETION"));

    static String printed(boolean json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String where = new StreamPublisher(new PrintStream(bytes, false, StandardCharsets.UTF_8), json).publish(ALERT);
        assertThat(where).isEqualTo("stdout");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textIsTheSubjectABlankLineAndTheEmailText() {
        assertThat(printed(false))
                .isEqualTo("Subject: Trailhound: secret prod/db (scheduled for deletion) used by app"
                        + System.lineSeparator() + System.lineSeparator()
                        + "Trailhound alert: Secret scheduled for deletion was accessed (severity HIGH)\n");
    }

    @Test
    void jsonIsTheDocumentAloneOnOneLine() {
        assertThat(printed(true)).isEqualTo("{\"source\":\"trailhound\",\"version\":1}" + System.lineSeparator());
    }

    @Test
    void everythingIsFlushedBeforeItReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // autoflush off and a buffer in between: only publish's own flush gets the text through
        PrintStream out =
                new PrintStream(new java.io.BufferedOutputStream(bytes, 1 << 16), false, StandardCharsets.UTF_8);
        new StreamPublisher(out, true).publish(ALERT);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("{\"source\":\"trailhound\"");
    }
}
