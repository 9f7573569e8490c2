package dev.goldsmith.feeds.http;

import java.net.URI;
import java.nio.file.Path;

/** The outcome of one conditional GET that did not fail. */
public sealed interface FetchResult {

    /** Returns the URL that was asked for. */
    URI uri();

    /** The file is unchanged since the validators were given (HTTP 304). */
    record NotModified(URI uri) implements FetchResult {
    }

    /** The server does not have the file (HTTP 404 or 410): an optional file, such as Release.gpg, may be absent. */
    record Missing(URI uri, int status) implements FetchResult {
    }

    /**
     * The file was downloaded whole into {@code file}.
     *
     * @param validators what to send next time to ask whether it changed
     */
    record Fetched(URI uri, Path file, long size, Validators validators) implements FetchResult {
    }
}
