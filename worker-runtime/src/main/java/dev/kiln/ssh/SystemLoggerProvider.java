package dev.kiln.ssh;

import java.lang.System.Logger.Level;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Where SLF4J logging goes (Apache MINA SSHD logs through SLF4J): to {@link java.lang.System.Logger},
 * which Kiln logs to too (by default java.util.logging: warnings and errors on stderr), so that
 * Kiln forces no logging framework on its users and SLF4J prints no "no providers" warning.
 * SLF4J's INFO becomes DEBUG there: MINA SSHD reports every connection at INFO, which would be
 * noise on the console of every program that starts a remote worker.
 *
 * <p>An application that has an SLF4J provider of its own (Logback, Log4j...) keeps it: this one
 * then hands everything to it. SLF4J still notes once that it found two providers.
 */
public final class SystemLoggerProvider implements SLF4JServiceProvider {
    private volatile ILoggerFactory loggers;
    private volatile IMarkerFactory markers;
    private volatile MDCAdapter mdc;

    /** Made by SLF4J's service loader. */
    public SystemLoggerProvider() {}

    @Override
    public void initialize() {
        SLF4JServiceProvider application = applicationProvider();
        if (application != null) {
            application.initialize();
            loggers = application.getLoggerFactory();
            markers = application.getMarkerFactory();
            mdc = application.getMDCAdapter();
        } else {
            loggers = SystemLoggerAdapter::new;
            markers = new BasicMarkerFactory();
            mdc = new NOPMDCAdapter();
        }
    }

    private static SLF4JServiceProvider applicationProvider() {
        try {
            for (SLF4JServiceProvider p : ServiceLoader.load(SLF4JServiceProvider.class)) {
                if (!(p instanceof SystemLoggerProvider)) {
                    return p;
                }
            }
        } catch (ServiceConfigurationError e) {
            // a broken provider of the application's: SLF4J reports it itself
        }
        return null;
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
        return "2.0.99";
    }

    /** An SLF4J logger that writes to the {@link System.Logger} of the same name. */
    static final class SystemLoggerAdapter extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient System.Logger logger;

        SystemLoggerAdapter(String name) {
            this.name = name;
            this.logger = System.getLogger(name);
        }

        private static Level level(org.slf4j.event.Level level) {
            return switch (level) {
                case TRACE -> Level.TRACE;
                case DEBUG -> Level.DEBUG;
                case INFO -> Level.DEBUG; // routine chatter (see the class comment)
                case WARN -> Level.WARNING;
                case ERROR -> Level.ERROR;
            };
        }

        @Override
        public boolean isTraceEnabled() {
            return logger.isLoggable(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return logger.isLoggable(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return logger.isLoggable(Level.DEBUG);
        }

        @Override
        public boolean isWarnEnabled() {
            return logger.isLoggable(Level.WARNING);
        }

        @Override
        public boolean isErrorEnabled() {
            return logger.isLoggable(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                org.slf4j.event.Level level, Marker marker, String pattern, Object[] args, Throwable thrown) {
            String message = MessageFormatter.basicArrayFormat(pattern, args);
            if (thrown == null) {
                logger.log(level(level), message);
            } else {
                logger.log(level(level), message, thrown);
            }
        }
    }
}
