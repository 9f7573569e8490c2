package dev.goldsmith.builders.host;

/**
 * One thing a building host needs, and whether it is there.
 *
 * @param name     what was checked, e.g. {@code program qemu-img}
 * @param ok       whether it is there and works
 * @param required whether building needs it; a missing optional item (such as {@code /dev/kvm}) only makes builds
 *                 slower
 * @param detail   what was found, or why it is missing
 * @param fix      the Debian package or the action that provides it; empty when nothing is to be done
 */
public record CheckItem(String name, boolean ok, boolean required, String detail, String fix) {

    /** Returns the item as one line: {@code OK|MISSING  name  detail  (fix: ...)}. */
    public String line() {
        String status = ok ? "OK" : required ? "MISSING" : "MISSING (optional)";
        return String.format("%-18s %-34s %s%s", status, name, detail,
                ok || fix.isEmpty() ? "" : "  (fix: " + fix + ")");
    }
}
