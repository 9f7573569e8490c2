package dev.goldsmith.builders.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Goldsmith first-boot agent as it is installed into a base image: the script, its systemd unit, and the
 * names both sides agree on. A base image records {@link #sha256()}, so a changed agent makes a new base.
 */
public final class Agent {

    /** The ISO 9660 volume label of the provisioning disk the agent looks for. */
    public static final String VOLUME_LABEL = "GOLDSMITH_PROVISION";

    /** The kernel command line argument without which the agent's unit does not start. */
    public static final String KERNEL_ARGUMENT = "goldsmith.provision";

    /** Where the script is installed in the image. */
    public static final String SCRIPT_PATH = "/usr/local/sbin/goldsmith-agent";

    /** The unit's name; it is installed under {@code /etc/systemd/system} and wanted by multi-user.target. */
    public static final String UNIT_NAME = "goldsmith-agent.service";

    private static final String SCRIPT_RESOURCE = "goldsmith-agent";

    private Agent() {
    }

    /** Returns the agent script. */
    public static byte[] script() {
        return resource(SCRIPT_RESOURCE);
    }

    /** Returns the agent's systemd unit. */
    public static byte[] unit() {
        return resource(UNIT_NAME);
    }

    /** Returns the SHA-256 over the script and the unit, as lower-case hex. */
    public static String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(script());
            digest.update((byte) 0);
            digest.update(unit());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /**
     * Writes {@code goldsmith-agent} (mode 0755) and {@code goldsmith-agent.service} (mode 0644) into
     * {@code dir}, from where a base image build installs them.
     */
    public static void writeTo(Path dir) throws IOException {
        Path script = dir.resolve(SCRIPT_RESOURCE);
        Files.write(script, script());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unit = dir.resolve(UNIT_NAME);
        Files.write(unit, unit());
        Files.setPosixFilePermissions(unit, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static byte[] resource(String name) {
        try (InputStream in = Agent.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the builders jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
