package dev.goldsmith.builders.qa;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes the results of a QA run as JUnit XML, the {@code qa.xml} committed beside the manifest, and as a one-line
 * summary for logs, events and notices.
 *
 * <p>One {@code testsuite} named after the image and version, one {@code testcase} per check (guest and host
 * alike, with class names {@code guest.KIND} and {@code host.KIND}), a {@code failure} carrying the detail for
 * each failed check, and times where they are known. Any text is escaped; characters XML 1.0 cannot carry at all
 * become U+FFFD.
 */
public final class JunitXml {

    private JunitXml() {
    }

    /** Returns the JUnit XML report of {@code results} for {@code image} at {@code version}. */
    public static String write(String image, String version, List<CheckResult> results) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(version, "version");
        long failures = results.stream().filter(r -> !r.passed()).count();
        Duration total = null;
        for (CheckResult result : results) {
            if (result.time() != null) {
                total = total == null ? result.time() : total.plus(result.time());
            }
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(attribute(image + " " + version)).append("\" tests=\"")
                .append(results.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"0\"");
        if (total != null) {
            xml.append(" time=\"").append(seconds(total)).append('"');
        }
        xml.append(">\n  <properties>\n")
                .append("    <property name=\"image\" value=\"").append(attribute(image)).append("\"/>\n")
                .append("    <property name=\"version\" value=\"").append(attribute(version)).append("\"/>\n")
                .append("  </properties>\n");
        for (CheckResult result : results) {
            xml.append("  <testcase name=\"").append(attribute(result.name())).append("\" classname=\"")
                    .append(result.origin().name().toLowerCase(Locale.ROOT)).append('.')
                    .append(attribute(result.kind())).append('"');
            if (result.time() != null) {
                xml.append(" time=\"").append(seconds(result.time())).append('"');
            }
            if (result.passed()) {
                xml.append(">\n    <system-out>").append(text(result.detail())).append("</system-out>\n");
            } else {
                xml.append(">\n    <failure message=\"").append(attribute(result.detail())).append("\" type=\"")
                        .append(attribute(result.kind())).append("\">").append(text(result.detail()))
                        .append("</failure>\n");
            }
            xml.append("  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    /**
     * Returns a short account of the run, such as {@code 6 of 7 checks passed; failed: SSH server is running}.
     */
    public static String summary(List<CheckResult> results) {
        List<String> failed = results.stream().filter(r -> !r.passed()).map(CheckResult::name).toList();
        String text = (results.size() - failed.size()) + " of " + results.size()
                + (results.size() == 1 ? " check" : " checks") + " passed";
        return failed.isEmpty() ? text : text + "; failed: " + String.join(", ", failed);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }

    /** Escapes element content. */
    static String text(String value) {
        return escape(value, false);
    }

    /** Escapes an attribute value, keeping line ends and tabs as references so that parsers do not fold them. */
    static String attribute(String value) {
        return escape(value, true);
    }

    private static String escape(String value, boolean attribute) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    boolean allowed = c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                            || c >= 0x10000 && c <= 0x10FFFF;
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return out.toString();
    }
}
