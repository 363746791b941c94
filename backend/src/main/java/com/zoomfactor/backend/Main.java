package com.zoomfactor.backend;

import com.zoomfactor.backend.app.ZoomFactorServer;
import com.zoomfactor.backend.config.BuildInfo;

import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.config.ConfigException;
import com.zoomfactor.backend.db.DataDirectoryLock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** {@code java -jar zoom-factor.jar}: configuration from the environment, start, and stop on SIGTERM or Ctrl-C. */
public final class Main {

    /** Stop must finish well inside the 15 s that process managers usually allow before SIGKILL. */
    static final long STOP_DEADLINE_SECONDS = 14;

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        // reports draw charts with AWT: never look for a display, whatever the machine has
        System.setProperty("java.awt.headless", "true");
        AppConfig config;
        try {
            config = AppConfig.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("Zoom Factor cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }

        ZoomFactorServer server = new ZoomFactorServer(config);
        // SIGTERM and SIGINT stop gracefully and exit 0 (left to the JVM they would exit 143/130, which process
        // managers read as a crash); sun.misc.Signal is the only JDK API for that. The hook covers other exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopWithin(server), "zoom-factor-shutdown-hook"));
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), received -> new Thread(() -> {
                LOG.info("SIG{} received: stopping", received.getName());
                System.exit(stopWithin(server) ? 0 : 1);
            }, "zoom-factor-stop").start());
        }

        try {
            int port = server.start().await();
            LOG.info("Zoom Factor {} is ready at http://localhost:{}/", BuildInfo.version(), port);
        } catch (RuntimeException e) {
            if (causedBy(e, DataDirectoryLock.DataDirectoryInUseException.class)) {
                // an expected refusal, not a bug: the message says it all
                LOG.error("Zoom Factor could not start: {}", e.getMessage());
            } else {
                LOG.error("Zoom Factor could not start: {}", e.getMessage(), e);
            }
            stopWithin(server);
            System.exit(1);
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> kind) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Waits (on this non-Vert.x thread) for the server to stop; false if it failed or took too long. */
    private static boolean stopWithin(ZoomFactorServer server) {
        try {
            boolean first = !server.stop().isComplete();
            server.stop().await(STOP_DEADLINE_SECONDS, TimeUnit.SECONDS);
            if (first) {
                LOG.info("Zoom Factor stopped");
            }
            return true;
        } catch (TimeoutException e) {
            LOG.error("Zoom Factor did not stop within {} s", STOP_DEADLINE_SECONDS);
        } catch (RuntimeException e) {
            LOG.error("Zoom Factor did not stop cleanly: {}", e.getMessage(), e);
        }
        return false;
    }
}
