package dev.goldsmith.routes.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Adjusts logging for the command line: routes java.util.logging to SLF4J, and raises detail on request. */
final class Logging {

    private Logging() {
    }

    /** Sends java.util.logging records (Vert.x, some libraries) through SLF4J and Logback. */
    static void bridgeJul() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** Shows Goldsmith's debug trail and Kafka's and Camel's lifecycle messages. */
    static void verbose() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        level(context, "dev.goldsmith", Level.DEBUG);
        for (String internals : new String[] {"org.apache.kafka", "kafka", "org.apache.camel", "io.vertx"}) {
            level(context, internals, Level.INFO);
        }
    }

    private static void level(LoggerContext context, String name, Level level) {
        Logger logger = context.getLogger(name);
        logger.setLevel(level);
    }
}
