package dev.goldsmith.builders.libvirt;

import org.libvirt.Connect;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;

/**
 * Stops the native libvirt library from printing every error on standard error ("libvirt: XML-RPC error : ...").
 * Errors still reach Java as {@link LibvirtException}s, and Goldsmith reports them where it handles them.
 */
public final class LibvirtErrors {

    /** Held here so the native side never calls back into a collected object. */
    private static final ErrorCallback QUIET = new ErrorCallback();
    private static volatile boolean quiet;

    private LibvirtErrors() {
    }

    /** Installs a callback that drops libvirt's error printing; harmless to call again or without the library. */
    public static void quiet() {
        if (quiet) {
            return;
        }
        synchronized (LibvirtErrors.class) {
            try {
                Connect.setErrorCallback(QUIET);
            } catch (LibvirtException | LinkageError e) {
                // Without the native library there is nothing to silence; callers report the missing library.
                return;
            }
            quiet = true;
        }
    }
}
