package dev.goldsmith.catalog.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the Git history says about one CVE: each image it affected, since when the history mentions it for that
 * image, which version fixed it and when that version became stable.
 *
 * <p>The CVE's advisories are those written beside it on a {@code Fixes} line ({@code Fixes: DSA-5800-1
 * CVE-2024-12797}); an image is affected when a commit for it ({@code Image} trailer) names the CVE or one of those
 * advisories anywhere in its message. A version fixes it when its build commit's {@code Fixes} names either and the
 * build finished (a build that failed fixed nothing, though its commit names what it was for); the fix is the first
 * such version that became stable ({@code Transition: ... -> stable}), or none yet.
 *
 * <p>The history knows of a CVE from the first commit that names it, normally the rebuild for it, so "affected
 * since" is when Goldsmith recorded it, not when the advisory was published.
 *
 * @param cve        the CVE id, upper case
 * @param advisories the advisory ids recorded beside it
 * @param images     each affected image, in the order the history first names them
 */
public record CveAudit(String cve, List<String> advisories, List<ImageFix> images) {

    public CveAudit {
        Objects.requireNonNull(cve, "cve");
        advisories = List.copyOf(advisories);
        images = List.copyOf(images);
    }

    /**
     * One image the CVE affected.
     *
     * @param since       when the history first named the CVE or its advisories for this image
     * @param sinceCommit that commit
     * @param builds      every version whose build lists the fix, oldest first
     * @param fixedIn     the first of those that became stable, or null when none has yet
     * @param fixBuiltAt  when {@code fixedIn} was built, or null
     * @param stableAt    when {@code fixedIn} became stable, or null
     * @param stableCommit the commit of that transition, or null
     */
    public record ImageFix(String image, Instant since, String sinceCommit, List<String> builds, String fixedIn,
            Instant fixBuiltAt, Instant stableAt, String stableCommit) {

        public ImageFix {
            Objects.requireNonNull(image, "image");
            builds = List.copyOf(builds);
        }
    }

    /** Returns the audit of {@code cve} from {@code history}, as {@link AuditLog#read} returns it. */
    public static CveAudit of(String cve, List<AuditCommit> history) {
        String id = cve.strip().toUpperCase(Locale.ROOT);
        Set<String> advisories = new LinkedHashSet<>();
        for (AuditCommit commit : history) {
            for (String fixes : commit.values("Fixes")) {
                List<String> ids = ids(fixes);
                if (ids.contains(id)) {
                    ids.stream().filter(a -> !a.startsWith("CVE-")).forEach(advisories::add);
                }
            }
        }
        Set<String> names = new LinkedHashSet<>(advisories);
        names.add(id);

        Map<String, List<AuditCommit>> byImage = new LinkedHashMap<>();
        for (AuditCommit commit : history) {
            String image = commit.value("Image");
            if (image != null && commit.words().stream().anyMatch(names::contains)) {
                byImage.computeIfAbsent(image, i -> new ArrayList<>()).add(commit);
            }
        }
        List<ImageFix> images = new ArrayList<>();
        for (Map.Entry<String, List<AuditCommit>> image : byImage.entrySet()) {
            images.add(fix(image.getKey(), image.getValue().get(0), names, history));
        }
        return new CveAudit(id, List.copyOf(advisories), images);
    }

    private static ImageFix fix(String image, AuditCommit first, Set<String> names, List<AuditCommit> history) {
        ImageAudit audit = ImageAudit.of(image, history);
        List<String> builds = new ArrayList<>();
        ImageAudit.VersionAudit fixed = null;
        for (ImageAudit.VersionAudit v : audit.versions()) {
            boolean fixes = v.builtAt() != null
                    && v.fixes().stream().flatMap(f -> ids(f).stream()).anyMatch(names::contains);
            if (fixes) {
                builds.add(v.version());
                if (fixed == null && v.enteredAt("stable") != null) {
                    fixed = v;
                }
            }
        }
        if (fixed == null) {
            return new ImageFix(image, first.at(), first.id(), builds, null, null, null, null);
        }
        ImageAudit.Transition stable = fixed.transitions().stream().filter(t -> t.to().equals("stable"))
                .findFirst().orElseThrow();
        return new ImageFix(image, first.at(), first.id(), builds, fixed.version(), fixed.builtAt(), stable.at(),
                stable.commit());
    }

    private static List<String> ids(String fixes) {
        List<String> ids = new ArrayList<>();
        for (String word : fixes.split("[\\s,;]+")) {
            if (!word.isBlank()) {
                ids.add(word.toUpperCase(Locale.ROOT));
            }
        }
        return ids;
    }

    /** Returns the audit as plain text for the command line. */
    public String toText() {
        StringBuilder text = new StringBuilder(cve);
        if (!advisories.isEmpty()) {
            text.append(" (").append(String.join(", ", advisories)).append(')');
        }
        text.append(": ").append(images.isEmpty() ? "no image in the history" : images.size()
                + (images.size() == 1 ? " image" : " images")).append('\n');
        for (ImageFix fix : images) {
            text.append('\n').append(fix.image()).append('\n');
            text.append("  affected since  ").append(fix.since()).append("  (commit ")
                    .append(ImageAudit.shortId(fix.sinceCommit())).append(")\n");
            if (fix.fixedIn() == null) {
                text.append("  fixed in        not yet");
                if (!fix.builds().isEmpty()) {
                    text.append(" (built in ").append(String.join(", ", fix.builds()))
                            .append(", none became stable)");
                }
                text.append('\n');
                continue;
            }
            text.append("  fixed in        ").append(fix.fixedIn()).append(", built ").append(fix.fixBuiltAt());
            List<String> others = fix.builds().stream().filter(b -> !b.equals(fix.fixedIn())).toList();
            if (!others.isEmpty()) {
                text.append(" (also built in ").append(String.join(", ", others)).append(", not stable then)");
            }
            text.append('\n');
            text.append("  stable since    ").append(fix.stableAt()).append("  (commit ")
                    .append(ImageAudit.shortId(fix.stableCommit())).append(")\n");
        }
        return text.toString();
    }
}
