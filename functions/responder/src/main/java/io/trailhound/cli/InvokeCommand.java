package io.trailhound.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code invoke}: runs the whole responder pipeline locally. */
public final class InvokeCommand {
    private InvokeCommand() {
    }

    public static void run(List<String> argv, PrintStream out, PrintStream err) {
        throw new Args.UsageException("invoke is not available yet");
    }
}
