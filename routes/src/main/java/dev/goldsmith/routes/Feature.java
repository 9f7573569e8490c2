package dev.goldsmith.routes;

/**
 * A part of the pipeline that plugs into the runtime before it starts: it adds its routes to the Camel context and
 * registers its health, using the runtime's publisher, metrics and state directory.
 */
@FunctionalInterface
public interface Feature {

    /** Adds this feature's routes and health checks to {@code runtime}, which has not started its routes yet. */
    void install(GoldsmithRuntime runtime) throws Exception;
}
