package dev.goldsmith.builders.step;

import dev.goldsmith.catalog.image.Manifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs build steps in order on a worker thread, under one hard deadline for the whole run. When a step throws,
 * when the calling thread is interrupted (cancellation) or when the deadline passes, the running step is
 * interrupted and the cleanup of every step that started runs on the calling thread, last started first; a
 * cleanup that throws is logged and recorded, and the others still run.
 */
public final class StepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private final String image;
    private final Duration deadline;
    private final Duration interruptGrace;

    /**
     * @param image          what the steps build, for the logs
     * @param deadline       how long the whole run may take
     * @param interruptGrace how long to wait for an interrupted step to stop before its cleanup runs anyway
     */
    public StepRunner(String image, Duration deadline, Duration interruptGrace) {
        this.image = Objects.requireNonNull(image, "image");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, was " + deadline);
        }
        this.deadline = deadline;
        this.interruptGrace = Objects.requireNonNull(interruptGrace, "interruptGrace");
    }

    /** Runs {@code steps} in order with {@code context}; never throws for a step's failure. */
    public <C> StepRunResult run(List<? extends BuildStep<C>> steps, C context) {
        long end = System.nanoTime() + deadline.toNanos();
        List<BuildStep<C>> started = new ArrayList<>();
        List<Manifest.Step> timings = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "build-step-" + image);
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (BuildStep<C> step : steps) {
                long remaining = end - System.nanoTime();
                if (remaining <= 0) {
                    return stop(StepOutcome.TIMED_OUT, step, new TimeoutException(deadlineMessage()), started,
                            timings, context, worker);
                }
                started.add(step);
                long start = System.nanoTime();
                Future<?> running = worker.submit(() -> {
                    step.run(context);
                    return null;
                });
                try {
                    running.get(remaining, TimeUnit.NANOSECONDS);
                    timings.add(timing(step, start));
                } catch (ExecutionException e) {
                    timings.add(timing(step, start));
                    return stop(StepOutcome.FAILED, step, e.getCause(), started, timings, context, worker);
                } catch (TimeoutException e) {
                    timings.add(timing(step, start));
                    return stop(StepOutcome.TIMED_OUT, step, new TimeoutException(deadlineMessage()), started,
                            timings, context, worker);
                } catch (InterruptedException e) {
                    timings.add(timing(step, start));
                    return stop(StepOutcome.CANCELLED, step, e, started, timings, context, worker);
                }
            }
            return new StepRunResult(StepOutcome.SUCCEEDED, timings, null, null, List.of());
        } finally {
            worker.shutdownNow();
        }
    }

    private String deadlineMessage() {
        return "the build of " + image + " did not finish within " + deadline;
    }

    private Manifest.Step timing(BuildStep<?> step, long start) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("image={} step={} seconds={}", image, step.name(), seconds(took));
        return new Manifest.Step(step.name(), took);
    }

    private <C> StepRunResult stop(StepOutcome outcome, BuildStep<C> step, Throwable why, List<BuildStep<C>> started,
            List<Manifest.Step> timings, C context, ExecutorService worker) {
        // Cleanup must not be cut short by the interrupt that cancelled the run; it is restored afterwards.
        boolean interrupted = Thread.interrupted() || outcome == StepOutcome.CANCELLED;
        LOG.warn("image={} step={} outcome={} reason={}", image, step.name(), outcome, message(why));
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(interruptGrace.toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warn("image={} step={} still running {} after it was interrupted; cleaning up anyway",
                        image, step.name(), interruptGrace);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        List<String> cleanupFailures = cleanUp(started, context);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new StepRunResult(outcome, timings, step.name(), why, cleanupFailures);
    }

    private <C> List<String> cleanUp(List<BuildStep<C>> started, C context) {
        List<String> failures = new ArrayList<>();
        for (int i = started.size() - 1; i >= 0; i--) {
            BuildStep<C> step = started.get(i);
            try {
                step.cleanup(context);
                LOG.debug("image={} step={} cleanup=done", image, step.name());
            } catch (Exception | LinkageError e) {
                // Logged here and nowhere else: the run goes on cleaning up, and the result carries the line.
                LOG.error("image={} step={} cleanup=failed reason={}", image, step.name(), message(e), e);
                failures.add(step.name() + ": " + message(e));
            }
            Thread.interrupted();
        }
        return failures;
    }

    private static String message(Throwable e) {
        return e == null ? "unknown" : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String seconds(Duration took) {
        return String.format(Locale.ROOT, "%.1f", took.toMillis() / 1000.0);
    }
}
