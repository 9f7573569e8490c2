package dev.goldsmith.builders.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs programs on this machine with {@link ProcessBuilder}, standard input closed, output kept up to a limit. */
public final class LocalPrograms implements Programs {

    /** Exit code reported for a program killed at its timeout, as {@code timeout(1)} does. */
    public static final int TIMED_OUT = 124;
    private static final int OUTPUT_LIMIT = 1 << 20;

    @Override
    public ProgramResult run(List<String> command, Path workDir, Duration timeout) throws ProgramException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no program to run");
        }
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new ProgramException(command, "cannot start: " + e.getMessage(), e);
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            int code = exited ? process.exitValue() : TIMED_OUT;
            return new ProgramResult(command, code, stdout.get(), stderr.get(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProgramException(command, "interrupted while waiting; the program was killed", e);
        } catch (ExecutionException e) {
            throw new ProgramException(command, "cannot read its output: " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public boolean available(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int room = OUTPUT_LIMIT - kept.size();
                if (room > 0) {
                    kept.write(buffer, 0, Math.min(room, n));
                }
            }
            return kept.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
