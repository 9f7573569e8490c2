package dev.goldsmith.builders.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.catalog.image.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepRunnerTest {

    @TempDir
    Path dir;

    /** The typed context the test steps share: where they write, and what they did, in order. */
    record Scratch(Path dir, List<String> journal) {
        Scratch(Path dir) {
            this(dir, Collections.synchronizedList(new ArrayList<>()));
        }
    }

    /** Creates one file and removes it again on cleanup. */
    static class CreateFile implements BuildStep<Scratch> {
        private final String name;

        CreateFile(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void run(Scratch context) throws Exception {
            context.journal().add("run " + name);
            Files.writeString(context.dir().resolve(name), name);
        }

        @Override
        public void cleanup(Scratch context) throws IOException {
            context.journal().add("cleanup " + name);
            Files.deleteIfExists(context.dir().resolve(name));
        }
    }

    private final StepRunner runner = new StepRunner("test-image", Duration.ofMinutes(5), Duration.ofSeconds(30));

    @Test
    void runsStepsInOrderAndRecordsEachStepWithoutCleaningUpOnSuccess() {
        Scratch scratch = new Scratch(dir);

        StepRunResult result = runner.run(List.of(new CreateFile("a"), new CreateFile("b"), new CreateFile("c")),
                scratch);

        assertTrue(result.succeeded(), result.describe());
        assertEquals(List.of("a", "b", "c"), result.steps().stream().map(Manifest.Step::name).toList());
        assertTrue(result.steps().stream().noneMatch(s -> s.duration().isNegative()));
        assertEquals(List.of("run a", "run b", "run c"), scratch.journal());
        assertTrue(Files.exists(dir.resolve("a")) && Files.exists(dir.resolve("c")));
        assertNull(result.failedStep());
    }

    @Test
    void failedStepCleansUpEveryStartedStepInReverseOrderAndSkipsTheRest() {
        Scratch scratch = new Scratch(dir);
        BuildStep<Scratch> failing = new CreateFile("c") {
            @Override
            public void run(Scratch context) throws Exception {
                super.run(context);
                throw new IOException("disk full writing " + context.dir().resolve("c"));
            }
        };

        StepRunResult result = runner.run(List.of(new CreateFile("a"), new CreateFile("b"), failing,
                new CreateFile("d")), scratch);

        assertEquals(StepOutcome.FAILED, result.outcome());
        assertEquals("c", result.failedStep());
        assertTrue(result.describe().startsWith("step c failed: disk full writing "), result.describe());
        assertEquals(List.of("run a", "run b", "run c", "cleanup c", "cleanup b", "cleanup a"), scratch.journal());
        assertEquals(List.of("a", "b", "c"), result.steps().stream().map(Manifest.Step::name).toList());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "every file the steps created is gone");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void cleanupThatThrowsIsRecordedAndTheOthersStillRun() {
        Scratch scratch = new Scratch(dir);
        BuildStep<Scratch> stubborn = new CreateFile("b") {
            @Override
            public void cleanup(Scratch context) throws IOException {
                context.journal().add("cleanup b");
                throw new IOException("cannot remove " + context.dir().resolve("b"));
            }
        };
        BuildStep<Scratch> failing = new CreateFile("c") {
            @Override
            public void run(Scratch context) {
                throw new IllegalStateException("no space");
            }
        };

        StepRunResult result = runner.run(List.of(new CreateFile("a"), stubborn, failing), scratch);

        assertEquals(StepOutcome.FAILED, result.outcome());
        assertEquals(List.of("cleanup c", "cleanup b", "cleanup a"), scratch.journal().subList(2, 5));
        assertEquals(1, result.cleanupFailures().size());
        assertTrue(result.cleanupFailures().get(0).startsWith("b: cannot remove "), result.cleanupFailures().get(0));
        assertFalse(Files.exists(dir.resolve("a")));
        assertTrue(Files.exists(dir.resolve("b")), "the file whose cleanup failed is still there");
    }

    @Test
    void interruptingTheRunCancelsTheRunningStepAndCleansUp() throws Exception {
        Scratch scratch = new Scratch(dir);
        CountDownLatch blocking = new CountDownLatch(1);
        BuildStep<Scratch> waits = new CreateFile("b") {
            @Override
            public void run(Scratch context) throws Exception {
                super.run(context);
                blocking.countDown();
                new CountDownLatch(1).await();
            }
        };
        AtomicReference<StepRunResult> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread build = new Thread(() -> {
            result.set(runner.run(List.of(new CreateFile("a"), waits, new CreateFile("c")), scratch));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });

        build.start();
        blocking.await();
        build.interrupt();
        build.join();

        assertEquals(StepOutcome.CANCELLED, result.get().outcome());
        assertEquals("b", result.get().failedStep());
        assertEquals(List.of("run a", "run b", "cleanup b", "cleanup a"), scratch.journal());
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")));
        assertTrue(stillInterrupted.get(), "the caller's interrupt is restored after cleanup");
    }

    @Test
    void deadlineInterruptsTheRunningStepAndCleansUp() {
        Scratch scratch = new Scratch(dir);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        BuildStep<Scratch> hangs = new CreateFile("b") {
            @Override
            public void run(Scratch context) throws Exception {
                super.run(context);
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    sawInterrupt.set(true);
                    throw e;
                }
            }
        };
        StepRunner impatient = new StepRunner("test-image", Duration.ofMillis(300), Duration.ofSeconds(30));

        StepRunResult result = impatient.run(List.of(new CreateFile("a"), hangs, new CreateFile("c")), scratch);

        assertEquals(StepOutcome.TIMED_OUT, result.outcome());
        assertEquals("b", result.failedStep());
        assertTrue(result.describe().startsWith("deadline passed during step b"), result.describe());
        assertTrue(sawInterrupt.get(), "the hanging step was interrupted");
        assertEquals(List.of("run a", "run b", "cleanup b", "cleanup a"), scratch.journal());
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")));
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
