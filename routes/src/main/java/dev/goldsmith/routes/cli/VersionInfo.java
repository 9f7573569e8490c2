package dev.goldsmith.routes.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** Supplies {@code goldsmith --version} and {@code goldsmith version} from the versions recorded at build time. */
public final class VersionInfo implements IVersionProvider {

    private static final String RESOURCE = "/dev/goldsmith/routes/version.properties";

    @Override
    public String[] getVersion() {
        Properties versions = load();
        return new String[] {
            "goldsmith " + versions.getProperty("goldsmith.version"),
            "camel " + versions.getProperty("camel.version"),
            "kafka " + versions.getProperty("kafka.version"),
            "jgit " + versions.getProperty("jgit.version"),
            "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        };
    }

    private static Properties load() {
        Properties props = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path; rebuild goldsmith");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return props;
    }
}
