package dev.goldsmith.catalog.version;

import dev.goldsmith.catalog.version.RandomVersionPairs.Pair;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks the real dpkg and rpm, the reference implementations, for their verdicts on version pairs. */
final class RealTools {

    /** What a finished program did: its exit code and everything it wrote. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * A verdict on one pair: the order (-1, 0 or 1) of left against right, or else the version that was refused
     * and why. Like dpkg and rpm, a verdict names only the first refused version, reading left to right.
     */
    record Verdict(int order, String refused, String reason) {

        static Verdict ordered(int order) {
            return new Verdict(order, null, null);
        }

        static Verdict refusal(String refused, String reason) {
            return new Verdict(0, refused, reason);
        }

        boolean isRefusal() {
            return refused != null;
        }

        @Override
        public String toString() {
            return isRefusal() ? "refuses '" + refused + "' (" + reason + ")" : Integer.toString(order);
        }
    }

    /** Thrown when a tool does something other than answer; carries everything the tool said. */
    static final class ToolFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ToolFailure(List<String> command, Result result, String problem) {
            super(problem + ": " + command + " exited with " + result.exitCode()
                    + "\nstdout: " + result.stdout() + "\nstderr: " + result.stderr());
        }
    }

    private static final Pattern DPKG_ERROR = Pattern.compile(
            "(?m)^dpkg: error: version '(.*)' has bad syntax: (.*)$");
    private static final Pattern RPM_ARGUMENT_ERROR = Pattern.compile("^ERR bad argument #([12]) .*");
    private static final long TIMEOUT_SECONDS = 60;

    // rpm expands this macro once; the Lua loop reads "left<TAB>right" lines from standard input and prints one
    // verdict a line. rpm's print does not end lines by itself.
    private static final String RPM_VERCMP_LOOP = String.join("\n",
            "%{lua:",
            "for line in io.lines() do",
            "  local a, b = line:match('^(.-)\\t(.*)$')",
            "  local ok, result = pcall(rpm.vercmp, a, b)",
            "  if ok then print(tostring(result) .. '\\n') else print('ERR ' .. tostring(result) .. '\\n') end",
            "end",
            "}");

    private RealTools() {
    }

    /** Returns whether {@code program} is an executable file in one of the directories of {@code PATH}. */
    static boolean isInstalled(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the command asking dpkg whether {@code left relation right} holds. The {@code --} keeps a version
     * that starts with a hyphen from being read as an option.
     */
    static List<String> dpkgCommand(String left, String relation, String right) {
        return List.of("dpkg", "--compare-versions", "--", left, relation, right);
    }

    /** Returns the command that runs {@code rpm.vercmp} on every pair it reads from standard input. */
    static List<String> rpmVercmpCommand() {
        return List.of("rpm", "--eval", RPM_VERCMP_LOOP);
    }

    /** Returns dpkg's verdict on each pair, in order; dpkg compares one pair per process. */
    static List<Verdict> dpkgVerdicts(List<Pair> pairs) {
        List<Verdict> verdicts = new ArrayList<>(pairs.size());
        for (Pair pair : pairs) {
            verdicts.add(dpkgVerdict(pair));
        }
        return verdicts;
    }

    /** Returns rpm's verdict on each pair, in order, from a single rpm process. */
    static List<Verdict> rpmVerdicts(List<Pair> pairs) {
        StringBuilder input = new StringBuilder();
        for (Pair pair : pairs) {
            input.append(pair.left()).append('\t').append(pair.right()).append('\n');
        }
        List<String> command = rpmVercmpCommand();
        Result result = run(command, input.toString());
        if (result.exitCode() != 0) {
            throw new ToolFailure(command, result, "rpm failed");
        }
        List<String> lines = result.stdout().lines().filter(line -> !line.isEmpty()).toList();
        if (lines.size() != pairs.size()) {
            throw new ToolFailure(command, result, lines.size() + " verdicts for " + pairs.size() + " pairs");
        }
        List<Verdict> verdicts = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            verdicts.add(rpmVerdict(pairs.get(i), lines.get(i), command, result));
        }
        return verdicts;
    }

    private static Verdict dpkgVerdict(Pair pair) {
        List<String> lessThan = dpkgCommand(pair.left(), "lt", pair.right());
        Result result = run(lessThan, "");
        if (result.exitCode() == 0) {
            return Verdict.ordered(-1);
        }
        if (result.exitCode() == 1) {
            List<String> equal = dpkgCommand(pair.left(), "eq", pair.right());
            Result equalResult = run(equal, "");
            switch (equalResult.exitCode()) {
                case 0:
                    return Verdict.ordered(0);
                case 1:
                    return Verdict.ordered(1);
                default:
                    throw new ToolFailure(equal, equalResult, "dpkg accepted the pair for lt but not for eq");
            }
        }
        Matcher error = DPKG_ERROR.matcher(result.stderr());
        if (!error.find()) {
            throw new ToolFailure(lessThan, result, "dpkg neither compared nor named a bad version");
        }
        return Verdict.refusal(error.group(1), error.group(2));
    }

    private static Verdict rpmVerdict(Pair pair, String line, List<String> command, Result result) {
        Matcher error = RPM_ARGUMENT_ERROR.matcher(line);
        if (error.matches()) {
            return Verdict.refusal(error.group(1).equals("1") ? pair.left() : pair.right(), line.substring(4));
        }
        switch (line) {
            case "-1":
                return Verdict.ordered(-1);
            case "0":
                return Verdict.ordered(0);
            case "1":
                return Verdict.ordered(1);
            default:
                throw new ToolFailure(command, result, "unexpected verdict '" + line + "' for " + pair);
        }
    }

    /** Runs {@code command} with {@code stdin} as its input and the C locale, so that messages are in English. */
    static Result run(List<String> command, String stdin) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C");
        try {
            Process process = builder.start();
            CompletableFuture<String> stdout = readAsync(process.getInputStream());
            CompletableFuture<String> stderr = readAsync(process.getErrorStream());
            try (OutputStream input = process.getOutputStream()) {
                input.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ToolFailure(command, new Result(-1, "", ""), "no answer in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
