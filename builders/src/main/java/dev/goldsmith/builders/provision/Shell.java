package dev.goldsmith.builders.provision;

/**
 * Quoting for generated POSIX shell scripts. A single-quoted word is taken literally by the shell, whatever it
 * holds, except for the single quote itself, which is closed, escaped and reopened. The blueprint reader already
 * refuses hostile values; this is the second wall, so a value that slipped through still cannot become a command.
 */
final class Shell {

    private Shell() {
    }

    /** Returns {@code value} as one single-quoted shell word. */
    static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to a shell script: '"
                    + value.replace("\0", "\\0") + "'");
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * Returns {@code value} quoted as a positional argument (a name, a path), refusing an empty value and one
     * starting with {@code -}, which a program would read as an option.
     */
    static String arg(String value, String what) {
        if (value.isEmpty() || value.startsWith("-")) {
            throw new IllegalArgumentException(what + " '" + value + "' would be read as an option or is empty");
        }
        return quote(value);
    }

    /**
     * Returns {@code value} for a line of a generated configuration file, refusing line ends and NUL, which would
     * start a new setting.
     */
    static String line(String value, String what) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " '" + value + "' holds a line end; it must be one line");
        }
        return value;
    }
}
