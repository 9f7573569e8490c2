package dev.goldsmith.feeds.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decompresses an {@code .xz} file with the system's {@code xz} program, which is about twice as fast as the Java
 * decoder, and runs beside the JVM so decompression and parsing overlap on two cores. Used only where {@code xz} is
 * installed; {@link Compression#XZ} is the fallback.
 *
 * <p>The stream ends with an exception, carrying what {@code xz} printed, when {@code xz} exits non-zero: a truncated
 * or corrupt file never reads as a shorter one.
 */
public final class XzProcess {

    private static volatile Boolean available;

    private XzProcess() {
    }

    /** Returns the command line that writes the decompressed {@code file} to standard output. */
    static List<String> arguments(Path file) {
        return List.of("xz", "--decompress", "--stdout", "--quiet", "--", file.toString());
    }

    /** Returns whether an {@code xz} program can be run here; asked once. */
    public static boolean available() {
        Boolean known = available;
        if (known == null) {
            try {
                Process probe = new ProcessBuilder("xz", "--version").redirectErrorStream(true).start();
                probe.getInputStream().transferTo(OutputStream.nullOutputStream());
                known = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
            } catch (IOException e) {
                known = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                known = false;
            }
            available = known;
        }
        return known;
    }

    /**
     * Returns the decompressed content of {@code file}, failing once more than {@code maxBytes} come out.
     *
     * @param source names the file in error messages, such as its URL
     */
    public static InputStream open(Path file, long maxBytes, String source) throws IOException {
        Process xz = new ProcessBuilder(arguments(file)).redirectError(ProcessBuilder.Redirect.PIPE).start();
        xz.getOutputStream().close();
        return new LimitedInputStream(new Output(xz, source), maxBytes, source);
    }

    /** The program's output, checked for its exit status when it ends. */
    private static final class Output extends FilterInputStream {

        private final Process xz;
        private final String source;
        private boolean finished;

        Output(Process xz, String source) {
            super(xz.getInputStream());
            this.xz = xz;
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                finish();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                finish();
            }
            return n;
        }

        private void finish() throws IOException {
            if (finished) {
                return;
            }
            finished = true;
            try {
                if (!xz.waitFor(60, TimeUnit.SECONDS)) {
                    xz.destroyForcibly();
                    throw new IOException(source + ": xz did not exit after its output ended");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                xz.destroyForcibly();
                throw new IOException(source + ": interrupted while waiting for xz", e);
            }
            if (xz.exitValue() != 0) {
                String said = new String(xz.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                throw new IOException("xz exited with " + xz.exitValue() + ": " + said);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (xz.isAlive()) {
                    xz.destroyForcibly();
                }
                xz.getErrorStream().close();
            }
        }
    }
}
