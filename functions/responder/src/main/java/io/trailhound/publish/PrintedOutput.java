package io.trailhound.publish;

import io.trailhound.alert.Alert;
import io.trailhound.alert.RenderedAlert;
import java.io.PrintStream;

/** The CLI's view of an output it does not send to: prints the JSON that output would get, one line. */
public final class PrintedOutput implements Output {
    private final Output output;
    private final PrintStream out;

    public PrintedOutput(Output output, PrintStream out) {
        this.output = output;
        this.out = out;
    }

    @Override
    public String name() {
        return output.name() + " (printed)";
    }

    @Override
    public String document(Alert alert, RenderedAlert rendered) {
        return output.document(alert, rendered);
    }

    @Override
    public String send(Alert alert, RenderedAlert rendered) {
        out.println(document(alert, rendered));
        out.flush();
        return "stdout";
    }
}
