package io.trailhound.publish;

import io.trailhound.alert.RenderedAlert;
import java.io.PrintStream;

/** Prints the alert (the CLI without an alert topic): subject and e-mail text, or the JSON document. */
public final class StreamPublisher implements Publisher {
    private final PrintStream out;
    private final boolean json;

    public StreamPublisher(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    @Override
    public String publish(RenderedAlert alert) {
        if (json) {
            out.println(alert.json());
        } else {
            out.println("Subject: " + alert.subject());
            out.println();
            out.print(alert.text());
        }
        out.flush();
        return "stdout";
    }
}
