package dev.goldsmith.routes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code goldsmith run} as an operator would: its own JVM, the shipped configuration, stopped by SIGTERM. */
class RunCommandProcessTest {

    private static final Path SHIPPED_CONFIG = Path.of("..", "config", "goldsmith.yaml").toAbsolutePath().normalize();
    private static final Pattern HTTP = Pattern.compile("http=http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path state;

    @Test
    void runServesReadyHealthAndStopsCleanlyOnSigterm() throws Exception {
        Path log = state.resolve("run.log");
        Process process = start(log);
        try {
            int port = awaitPort(process, log);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"ready\" : true"), health.body());
        } finally {
            process.destroy();
        }

        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "goldsmith stops after SIGTERM");
        assertEquals(143, process.exitValue(), "the JVM ends by the signal, not by a failure");
        String output = Files.readString(log);
        assertTrue(output.contains("Goldsmith stopped"), output);
        assertTrue(output.contains("embedded Kafka broker stopped"), output);
    }

    @Test
    void runRefusesToStartOnAConfigurationWithProblemsAndListsThem() throws IOException, InterruptedException {
        Path config = state.resolve("bad.yaml");
        Files.writeString(config, "state-dir: .\nhttp:\n  port: eighty\n  hots: 127.0.0.1\n");

        Process process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                GoldsmithCommand.class.getName(), "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(state.resolve("bad.log").toFile()).start();

        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        String output = Files.readString(state.resolve("bad.log"));
        assertTrue(output.contains("http.port"), output);
        assertTrue(output.contains("http.hots"), output);
        assertTrue(output.contains("nothing started"), output);
    }

    private Process start(Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                GoldsmithCommand.class.getName(), "run", "--config", SHIPPED_CONFIG.toString());
        builder.environment().put("GOLDSMITH_STATE_DIR", state.resolve("state").toString());
        builder.environment().put("GOLDSMITH_HTTP_PORT", "0");
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits, as long as the process lives and at most a minute, for the line that names the HTTP port. */
    private static int awaitPort(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = HTTP.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        throw new AssertionError("goldsmith did not start; its output:\n" + Files.readString(log));
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
    }
}
