package dev.goldsmith.feeds.rpm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared fixtures, whose directory the build passes in the system property {@code goldsmith.fixtures}. */
final class Fixtures {

    static final String GENERATED_GZ = "rpm-repodata/generated/repo-gz/repodata/";
    static final String GENERATED_XZ = "rpm-repodata/generated/repo-xz/repodata/";
    static final String OREON = "rpm-repodata/oreon-security-zstd/repodata/";
    static final String CREATEREPO = "rpm-repodata/createrepo_c-upstream/repo_with_additional_metadata/repodata/";
    static final String UPDATEINFO_FILES = "rpm-repodata/createrepo_c-upstream/updateinfo_files/";

    private Fixtures() {
    }

    /** Returns the fixture at {@code relative}, failing the test when it is missing rather than skipping it. */
    static Path path(String relative) {
        String root = System.getProperty("goldsmith.fixtures");
        if (root == null) {
            throw new IllegalStateException("system property goldsmith.fixtures is not set; run through Maven");
        }
        Path path = Path.of(root).resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("fixture missing: " + path);
        }
        return path;
    }

    /** Returns the bytes of the fixture at {@code relative}. */
    static byte[] bytes(String relative) throws IOException {
        return Files.readAllBytes(path(relative));
    }

    /** Returns the repomd.xml of the repodata directory {@code repodata}, parsed. */
    static RepoMd repoMd(String repodata) throws Exception {
        String file = repodata + "repomd.xml";
        return RepoMd.parse(bytes(file), path(file).toString());
    }
}
