package io.trailhound;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One SDK logger ({@link SdkLogProvider}): WARN and ERROR become one line each for the {@link Sink}, naming the
 * logger ({@code software.amazon.awssdk.…}) and the throwable's class and message, with its stack trace at ERROR
 * only. Everything below WARN is off, so the SDK's debug and info calls cost only the level check.
 */
final class SdkLogger extends LegacyAbstractLogger {
    /** Where the lines go: the function's own log. */
    interface Sink {
        void write(Level level, String line);
    }

    private final Sink sink;

    SdkLogger(String name, Sink sink) {
        this.name = name;
        this.sink = sink;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
        String line = name + ": " + MessageFormatter.basicArrayFormat(messagePattern, arguments);
        if (throwable != null) {
            line += " (" + (level == Level.ERROR ? stackTrace(throwable) : throwable.toString()) + ")";
        }
        // one entry per call: a line break would split the CLI's stderr line, and in Lambda Handler.log would show
        // each of the stack trace's as an escape
        sink.write(level, line.replaceAll("\\s*\\R\\s*", " "));
    }

    private static String stackTrace(Throwable throwable) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        return trace.toString().strip();
    }
}
