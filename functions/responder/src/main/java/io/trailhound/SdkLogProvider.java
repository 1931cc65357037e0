package io.trailhound;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider the AWS SDK logs through (SLF4J finds it with the ServiceLoader, {@code
 * META-INF/services/org.slf4j.spi.SLF4JServiceProvider}): its warnings and errors go where the function's
 * own lines go, so in Lambda they too are JSON log entries with level, timestamp and request id. In Lambda that
 * is the runtime's logger ({@link Handler#log}); anywhere else (the CLI) the {@code trailhound:} line on
 * stderr ({@link Responder#CONSOLE}).
 */
public final class SdkLogProvider implements SLF4JServiceProvider {
    /** Set by Lambda for the runtime client (the Runtime API's address): only a Lambda runtime has it. */
    static final String LAMBDA_RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private volatile ILoggerFactory loggers;

    /** Where the SDK's lines go in the process {@code environment} describes. */
    static SdkLogger.Sink destination(Map<String, String> environment) {
        if (environment.containsKey(LAMBDA_RUNTIME_API)) {
            // no alarm name: Handler.log gets it from the pipeline's caller, and no code of ours is on the SDK's path
            return (level, line) -> Handler.log(level == Level.ERROR ? LogLevel.ERROR : LogLevel.WARN, null, line);
        }
        return (level, line) -> Responder.CONSOLE.error(null, level + " " + line);
    }

    @Override
    public void initialize() {
        SdkLogger.Sink sink = destination(System.getenv());
        loggers = name -> new SdkLogger(name, sink);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99"; // any 2.0.x API
    }
}
