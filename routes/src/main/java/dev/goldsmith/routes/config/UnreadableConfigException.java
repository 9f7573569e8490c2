package dev.goldsmith.routes.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Thrown when the configuration file itself cannot be read (absent, a directory, no permission), as opposed to
 * a file that was read and found wrong.
 */
public class UnreadableConfigException extends ConfigException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code file}, saying why it could not be read. */
    public UnreadableConfigException(Path file, String reason) {
        super(file, List.of(new ConfigProblem(file, "", reason)));
    }
}
