package dev.goldsmith.routes.cli;

import dev.goldsmith.catalog.version.InvalidVersionException;
import dev.goldsmith.catalog.version.VersionScheme;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code versions} command: works with package versions as dpkg and rpm order them.
 *
 * <p>It does nothing by itself; picocli asks for one of its subcommands.
 */
@Command(name = "versions", mixinStandardHelpOptions = true,
        description = "Compares package versions as dpkg or rpm would.",
        subcommands = {VersionsCommand.Compare.class})
public class VersionsCommand {

    private InputStream stdin = System.in;

    /** Makes the subcommands read {@code input} instead of the process's standard input; for tests. */
    public VersionsCommand readingFrom(InputStream input) {
        this.stdin = Objects.requireNonNull(input, "input");
        return this;
    }

    /** Returns the stream the subcommands read, standard input unless {@link #readingFrom} replaced it. */
    InputStream stdin() {
        return stdin;
    }

    /**
     * {@code versions compare --scheme dpkg|rpm}: reads {@code V1 V2} pairs, one a line, and prints -1, 0 or 1 for
     * each as V1 is older than, equal to or newer than V2. Returns 1 if any line was in error, else 0.
     */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {
                "Compares pairs of versions read from standard input.",
                "Reads 'V1 V2', one pair a line, and prints -1, 0 or 1 for each, as V1 is older than, equal to "
                    + "or newer than V2.",
                "Blank lines are skipped. A line with an invalid version or not exactly two fields prints nothing; "
                    + "it is reported on standard error as 'line N: reason', and the exit status is 1."},
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:every line was compared", "1:some line was in error", "2:bad command line"})
    static final class Compare implements Callable<Integer> {

        private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\s+");

        @Spec
        private CommandSpec spec;

        @ParentCommand
        private VersionsCommand parent;

        @Option(names = "--scheme", required = true, paramLabel = "dpkg|rpm", converter = SchemeConverter.class,
                description = "Whose ordering to use: dpkg (Debian) or rpm.")
        private VersionScheme scheme;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            // The stream belongs to whoever gave it (normally the process), so it is not closed here.
            BufferedReader reader = new BufferedReader(new InputStreamReader(parent.stdin(), StandardCharsets.UTF_8));
            boolean failed = false;
            int lineNumber = 0;
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNumber++;
                    String problem = compareLine(line, out);
                    if (problem != null) {
                        err.println("line " + lineNumber + ": " + problem);
                        failed = true;
                    }
                }
            } catch (IOException e) {
                err.println("cannot read standard input after line " + lineNumber + ": " + e.getMessage());
                failed = true;
            } finally {
                out.flush();
                err.flush();
            }
            return failed ? ExitCode.SOFTWARE : ExitCode.OK;
        }

        /** Prints the verdict on one line of input, or returns what is wrong with the line. */
        private String compareLine(String line, PrintWriter out) {
            String[] fields = Arrays.stream(FIELD_SEPARATOR.split(line))
                    .filter(field -> !field.isEmpty())
                    .toArray(String[]::new);
            if (fields.length == 0) {
                return null;
            }
            if (fields.length != 2) {
                return "expected 2 versions, found " + fields.length + ": '" + String.join(" ", fields) + "'";
            }
            try {
                out.println(scheme.compare(fields[0], fields[1]));
                return null;
            } catch (InvalidVersionException e) {
                return e.getMessage();
            }
        }
    }

    /** Reads a scheme by its name, such as {@code dpkg}, in any case. */
    static final class SchemeConverter implements ITypeConverter<VersionScheme> {

        @Override
        public VersionScheme convert(String value) {
            try {
                return VersionScheme.named(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
