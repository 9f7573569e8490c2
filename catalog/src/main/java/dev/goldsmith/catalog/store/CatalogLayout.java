package dev.goldsmith.catalog.store;

import java.util.regex.Pattern;

import dev.goldsmith.catalog.image.ImageVersionId;

/**
 * Where each kind of file lives in the catalog's Git repository, as the architecture lays it out:
 * <pre>
 * blueprints/&lt;image&gt;.toml                 the blueprint
 * images/&lt;image&gt;/&lt;version&gt;/lock.toml      exact package versions the build resolved
 * images/&lt;image&gt;/&lt;version&gt;/manifest.json  what the build installed and produced, and why
 * images/&lt;image&gt;/&lt;version&gt;/qa.xml         JUnit XML of the QA run
 * catalog/&lt;image&gt;.json                    versions, their states and channels
 * </pre>
 * plus the annotated tag {@code <image>/<version>} of each published version.
 *
 * <p>An image name becomes one path segment and one tag component, so it must be a single word of letters, digits,
 * {@code . _ -} that starts and ends with a letter or digit, has no {@code ..} and does not end in {@code .lock}
 * (which Git refuses in ref names): {@code ../x}, {@code a/b}, {@code .git} and names with line breaks are refused
 * before anything is written. Blueprint names follow the same rule, so a blueprint's name is its image's name.
 */
public final class CatalogLayout {

    /** The folder of the blueprints. */
    public static final String BLUEPRINTS = "blueprints";
    /** The folder of the image versions' locks, manifests and QA results. */
    public static final String IMAGES = "images";
    /** The folder of the catalog entries. */
    public static final String CATALOG = "catalog";

    private static final int MAX_NAME = 128;
    private static final Pattern IMAGE_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");

    private CatalogLayout() {
    }

    /** Returns why {@code image} cannot be an image name, or null when it can. */
    public static String imageNameProblem(String image) {
        if (image == null || image.isEmpty()) {
            return "an image name must not be empty";
        }
        if (image.length() > MAX_NAME) {
            return "image name is longer than " + MAX_NAME + " characters";
        }
        if (!IMAGE_NAME.matcher(image).matches() || image.contains("..") || image.endsWith(".lock")) {
            return "image name '" + printable(image) + "' is not one word of letters, digits and . _ - that starts"
                    + " and ends with a letter or digit, without '..' or a '.lock' ending";
        }
        return null;
    }

    /** Checks that {@code image} is a safe image name; fails naming the value and the rule. */
    public static String checkImageName(String image) {
        String problem = imageNameProblem(image);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return image;
    }

    /** Returns {@code blueprints/<image>.toml}. */
    public static String blueprint(String image) {
        return BLUEPRINTS + "/" + checkImageName(image) + ".toml";
    }

    /** Returns {@code catalog/<image>.json}. */
    public static String catalogEntry(String image) {
        return CATALOG + "/" + checkImageName(image) + ".json";
    }

    /** Returns {@code images/<image>/<version>/lock.toml}. */
    public static String lock(String image, ImageVersionId version) {
        return versionDir(image, version) + "/lock.toml";
    }

    /** Returns {@code images/<image>/<version>/manifest.json}. */
    public static String manifest(String image, ImageVersionId version) {
        return versionDir(image, version) + "/manifest.json";
    }

    /** Returns {@code images/<image>/<version>/qa.xml}. */
    public static String qa(String image, ImageVersionId version) {
        return versionDir(image, version) + "/qa.xml";
    }

    /** Returns the name of the annotated tag of a published version, {@code <image>/<version>}. */
    public static String tag(String image, ImageVersionId version) {
        return checkImageName(image) + "/" + version;
    }

    private static String versionDir(String image, ImageVersionId version) {
        return IMAGES + "/" + checkImageName(image) + "/" + version;
    }

    /** Returns {@code text} with control characters shown as escapes, so an error message stays on one line. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_NAME + 8L).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
