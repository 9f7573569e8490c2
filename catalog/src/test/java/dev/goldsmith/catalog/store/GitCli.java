package dev.goldsmith.catalog.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code git} program, as an auditor or an operator would, on a repository directory. */
final class GitCli {

    private GitCli() {
    }

    /** Runs {@code git -C dir args...}, asserts it succeeded, and returns its standard output. */
    static String git(Path dir, String... args) throws IOException, InterruptedException {
        Result result = run(dir, Map.of(), args);
        assertEquals(0, result.exitCode(), () -> "git " + String.join(" ", args) + ": " + result.output());
        return result.output();
    }

    /** Runs {@code git -C dir args...} with extra environment variables and returns exit code and output. */
    static Result run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        // The machine's own Git settings must not colour what the test reads.
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "git did not finish");
        return new Result(process.exitValue(), out);
    }

    /** What a git run returned. */
    record Result(int exitCode, String output) {
    }
}
