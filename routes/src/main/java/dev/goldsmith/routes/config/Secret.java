package dev.goldsmith.routes.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A value kept out of the configuration file: the file names an environment variable or a file that holds it.
 *
 * <p>The value is looked up only when {@link #reveal()} is called. {@link #toString()} names where the value lives,
 * never the value, so a secret can be logged or shown in a problem safely.
 */
public final class Secret {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String variable;
    private final Path file;
    private final Map<String, String> env;

    private Secret(String variable, Path file, Map<String, String> env) {
        this.variable = variable;
        this.file = file;
        this.env = env;
    }

    /** Returns a secret held by the environment variable {@code variable}, looked up in {@code env}. */
    public static Secret fromEnv(String variable, Map<String, String> env) {
        if (!isVariableName(variable)) {
            throw new IllegalArgumentException("not an environment variable name: '" + variable + "'");
        }
        return new Secret(variable, null, Map.copyOf(env));
    }

    /** Returns a secret held by the file {@code file}; trailing line breaks are not part of the value. */
    public static Secret fromFile(Path file) {
        return new Secret(null, Objects.requireNonNull(file, "file"), Map.of());
    }

    /** Returns whether {@code name} can name an environment variable. */
    static boolean isVariableName(String name) {
        return name != null && VARIABLE_NAME.matcher(name).matches();
    }

    /** Returns the variable's name, or empty when the secret lives in a file. */
    public Optional<String> variable() {
        return Optional.ofNullable(variable);
    }

    /** Returns the file's path, or empty when the secret lives in an environment variable. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Returns the secret value, read now from the environment or the file.
     *
     * @throws IllegalStateException if the value cannot be found; the message names its source, not a value
     */
    public String reveal() {
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            throw new IllegalStateException(unavailable.get());
        }
        if (variable != null) {
            return env.get(variable);
        }
        try {
            return stripLineBreaks(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Keep the cause's type only: some I/O messages quote what was read.
            throw new IllegalStateException("cannot read secret file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** Returns why the value cannot be revealed right now, without revealing anything; empty if it can. */
    Optional<String> unavailableReason() {
        if (variable != null) {
            String value = env.get(variable);
            if (value == null) {
                return Optional.of("environment variable " + variable + " is not set");
            }
            return value.isBlank() ? Optional.of("environment variable " + variable + " is empty") : Optional.empty();
        }
        if (!Files.exists(file)) {
            return Optional.of("secret file " + file + " not found");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of("secret file " + file + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            return Optional.of("secret file " + file + " is not readable");
        }
        try {
            return Files.size(file) == 0 ? Optional.of("secret file " + file + " is empty") : Optional.empty();
        } catch (IOException e) {
            return Optional.of("secret file " + file + " is not readable");
        }
    }

    private static String stripLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && Objects.equals(variable, that.variable)
                && Objects.equals(file, that.file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(variable, file);
    }

    /** Returns where the value lives, such as {@code Secret[env:API_TOKEN]}; never the value. */
    @Override
    public String toString() {
        return variable != null ? "Secret[env:" + variable + "]" : "Secret[file:" + file + "]";
    }
}
