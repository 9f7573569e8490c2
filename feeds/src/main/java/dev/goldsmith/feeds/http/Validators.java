package dev.goldsmith.feeds.http;

/**
 * What a server said about a file's revision, sent back on the next request so an unchanged file costs a 304.
 *
 * @param etag         the {@code ETag} header, or null
 * @param lastModified the {@code Last-Modified} header as sent, or null
 */
public record Validators(String etag, String lastModified) {

    /** Returns validators that ask for the file unconditionally. */
    public static Validators none() {
        return new Validators(null, null);
    }

    /** Returns whether there is anything to send. */
    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
