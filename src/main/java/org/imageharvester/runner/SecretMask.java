package org.imageharvester.runner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.rewrite.RewriteAppender;
import org.apache.logging.log4j.core.appender.rewrite.RewritePolicy;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;

import org.imageharvester.values.UrlMask;

/**
 * Writes {@code ***} for each secret the runner was given and for the secret parts of every URL ({@link UrlMask}), in
 * every log line whoever logs it (Camel's {@code --verbose} summaries and its tracer, a library's exception): each
 * appender of the Log4j configuration, its own or the user's, gets the lines through this rewrite.
 */
final class SecretMask implements RewritePolicy {

    private final UrlMask secrets;

    SecretMask(Collection<String> secrets) {
        this.secrets = new UrlMask(secrets);
    }

    /**
     * Masks these secrets, and the secret parts of URLs, in every line logged from now on (nothing to do without
     * Log4j).
     */
    static void install(Collection<String> secrets) {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) return;
        Configuration config = context.getConfiguration();
        SecretMask mask = new SecretMask(secrets);
        Set<LoggerConfig> loggers = new LinkedHashSet<>(config.getLoggers().values());
        loggers.add(config.getRootLogger());
        for (LoggerConfig logger : loggers) {
            for (AppenderRef ref : List.copyOf(logger.getAppenderRefs())) {
                Appender appender = logger.getAppenders().get(ref.getRef());
                if (appender == null || appender instanceof RewriteAppender) continue;
                String name = "masked-" + appender.getName();
                Appender masked = config.getAppender(name);
                if (masked == null) {
                    masked = RewriteAppender.createAppender(name, "true", new AppenderRef[] {
                        AppenderRef.createAppenderRef(appender.getName(), null, null)}, config, mask, null);
                    masked.start();
                    config.addAppender(masked);
                }
                // (added before the plain one is removed: no line falls between the two)
                logger.addAppender(masked, ref.getLevel(), ref.getFilter());
                logger.removeAppender(appender.getName());
            }
        }
        context.updateLoggers();
    }

    /** The text with each secret in it, and each secret part of a URL, replaced by {@code ***}. */
    String mask(String text) {
        return secrets.mask(text);
    }

    @Override
    public LogEvent rewrite(LogEvent event) {
        String message = event.getMessage().getFormattedMessage();
        String masked = mask(message);
        Throwable thrown = event.getThrown();
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            String maskedTrace = mask(trace.toString());
            // an exception's message can hold a secret too (a URL it could not reach): then it goes as masked text
            if (!maskedTrace.equals(trace.toString())) {
                SimpleMessage text = new SimpleMessage(masked + " " + maskedTrace.strip());
                return new Log4jLogEvent.Builder(event).setMessage(text).setThrown(null).setThrownProxy(null).build();
            }
        }
        if (masked.equals(message)) return event;
        return new Log4jLogEvent.Builder(event).setMessage(new SimpleMessage(masked)).build();
    }
}
