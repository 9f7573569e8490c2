package dev.goldsmith.builders.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Puts Goldsmith's settings into libvirt's {@code qemu.conf}: QEMU runs as root (it must read the root-owned base
 * images and write the console files), libvirt leaves file ownership and security labels alone, and QEMU writes
 * the serial console to the file itself.
 *
 * <p>The settings live in one block between marker comments at the end of the file; the same keys set elsewhere are
 * commented out, since libvirt reads the first occurrence of a key. Applying twice gives the same text.
 */
final class QemuConf {

    static final String BEGIN = "# BEGIN goldsmith: settings for building images (goldsmith host setup)";
    static final String END = "# END goldsmith";
    static final String DISABLED = "#goldsmith-disabled# ";

    /** The settings, in the order they are written. */
    static final Map<String, String> SETTINGS = settings();

    private QemuConf() {
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("user", "\"root\"");
        settings.put("group", "\"root\"");
        settings.put("dynamic_ownership", "0");
        settings.put("security_driver", "\"none\"");
        settings.put("stdio_handler", "\"file\"");
        return Collections.unmodifiableMap(settings);
    }

    /** Returns {@code existing} (possibly empty) with Goldsmith's block in place and conflicting settings disabled. */
    static String apply(String existing) {
        Pattern conflicting = Pattern.compile("^\\s*(" + String.join("|", SETTINGS.keySet()) + ")\\s*=.*");
        List<String> kept = new ArrayList<>();
        boolean inBlock = false;
        for (String line : existing.split("\n", -1)) {
            if (line.equals(BEGIN)) {
                inBlock = true;
            } else if (inBlock) {
                inBlock = !line.equals(END);
            } else if (conflicting.matcher(line).matches()) {
                kept.add(DISABLED + line);
            } else {
                kept.add(line);
            }
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
            kept.remove(kept.size() - 1);
        }
        StringBuilder out = new StringBuilder();
        for (String line : kept) {
            out.append(line).append('\n');
        }
        if (!kept.isEmpty()) {
            out.append('\n');
        }
        out.append(BEGIN).append('\n');
        SETTINGS.forEach((key, value) -> out.append(key).append(" = ").append(value).append('\n'));
        out.append(END).append('\n');
        return out.toString();
    }
}
