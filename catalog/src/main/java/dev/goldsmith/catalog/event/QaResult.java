package dev.goldsmith.catalog.event;

/**
 * The outcome of running an image version's QA suite. Carried by {@code qa.passed} and {@code qa.failed}; a
 * passed run has no failures and no errors.
 *
 * @param image    the image name; the record key
 * @param version  the image version under test
 * @param suite    the QA suite that ran
 * @param tests    how many tests ran
 * @param failures how many tests failed an assertion
 * @param errors   how many tests could not run to the end; a suite that could not start counts as one error
 * @param skipped  how many tests were skipped
 * @param report   the JUnit XML report's path in the Git repository, or null when none was written
 * @param summary  a short human-readable account of the run, or null
 */
public record QaResult(
        String image,
        String version,
        String suite,
        int tests,
        int failures,
        int errors,
        int skipped,
        String report,
        String summary) implements EventData {

    public QaResult {
        Require.text(image, "image");
        Require.text(version, "version");
        Require.text(suite, "suite");
        Require.notNegative(tests, "tests");
        Require.notNegative(failures, "failures");
        Require.notNegative(errors, "errors");
        Require.notNegative(skipped, "skipped");
        if ((long) failures + errors + skipped > tests) {
            throw new IllegalArgumentException("failures " + failures + " + errors " + errors + " + skipped "
                    + skipped + " exceed tests " + tests);
        }
        Require.optionalText(report, "report");
        Require.optionalText(summary, "summary");
    }

    /** Returns whether every test that ran passed. */
    public boolean allPassed() {
        return failures == 0 && errors == 0;
    }

    /** Returns the image name, the key of {@link Topic#QA}. */
    @Override
    public String key() {
        return image;
    }
}
