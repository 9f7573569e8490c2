package dev.goldsmith.catalog.store;

import static dev.goldsmith.catalog.store.PlainJson.decline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;

/**
 * Reads {@code manifest.json} straight into {@link Manifest} and its records with a streaming reader, for the
 * catalog loader. A large catalog's live manifests hold over a million packages; data binding builds each through
 * reflection and a property buffer, which in a JVM that has just started (the catalog loads at start-up, before the
 * JIT has compiled any of it) costs seconds. The package strings are kept once in {@link Strings}.
 *
 * <p>{@link Manifest#fromJson} stays the definition of the format: this reader takes only the documents it reads
 * exactly as that does (see {@link PlainJson}: the fields of the records and no others, each once, with the JSON type
 * they are written with) and hands every other one to it, so the manifest or the error is always the one
 * {@code Manifest.fromJson} returns for the same file. Not thread-safe: one per thread.
 */
final class ManifestReader {

    private static final PlainJson.Names MANIFEST = new PlainJson.Names("image", "version", "distro",
            "blueprintVersion", "packages", "artifact", "builderHost", "steps", "triggers", "builtAt");
    private static final PlainJson.Names PACKAGE = new PlainJson.Names("name", "version", "architecture", "source");
    private static final PlainJson.Names ARTIFACT = new PlainJson.Names("path", "format", "sha256", "size");
    private static final PlainJson.Names STEP = new PlainJson.Names("name", "duration");
    private static final PlainJson.Names TRIGGER = new PlainJson.Names("packageName", "installed", "available",
            "advisories", "cves", "note");

    private final Strings strings;

    /** Creates a reader that keeps the package strings once in {@code strings}. */
    ManifestReader(Strings strings) {
        this.strings = strings;
    }

    /** Returns the manifest in {@code json}, UTF-8; fails as {@link Manifest#fromJson} does, naming {@code source}. */
    Manifest read(byte[] json, String source) throws IOException {
        Manifest manifest = readPlain(json);
        return manifest != null ? manifest : Manifest.fromJson(new String(json, StandardCharsets.UTF_8), source);
    }

    /** Returns the manifest in {@code json} when it is in the plain form, or null to leave it to data binding. */
    Manifest readPlain(byte[] json) {
        try {
            PlainJson in = new PlainJson(json, strings);
            Manifest manifest = manifest(in);
            in.end();
            return manifest;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Manifest manifest(PlainJson in) {
        in.beginObject();
        String image = null;
        ImageVersionId version = null;
        String distro = null;
        String blueprintVersion = null;
        List<InstalledPackage> packages = null;
        Manifest.Artifact artifact = null;
        String builderHost = null;
        List<Manifest.Step> steps = null;
        List<Manifest.Trigger> triggers = null;
        Instant builtAt = null;
        String field;
        while ((field = in.nextField(MANIFEST)) != null) {
            switch (field) {
                case "image" -> {
                    image = in.sharedTextOrNull();
                }
                case "version" -> {
                    version = in.versionIdOrNull();
                }
                case "distro" -> {
                    distro = in.sharedTextOrNull();
                }
                case "blueprintVersion" -> {
                    blueprintVersion = in.textOrNull();
                }
                case "packages" -> {
                    packages = packages(in);
                }
                case "artifact" -> {
                    artifact = artifact(in);
                }
                case "builderHost" -> {
                    builderHost = in.sharedTextOrNull();
                }
                case "steps" -> {
                    steps = steps(in);
                }
                case "triggers" -> {
                    triggers = triggers(in);
                }
                case "builtAt" -> {
                    builtAt = in.instantOrNull();
                }
            }
        }
        return new Manifest(image, version, distro, blueprintVersion, packages, artifact, builderHost, steps,
                triggers, builtAt);
    }

    private List<InstalledPackage> packages(PlainJson in) {
        if (!in.beginArrayOrNull()) {
            return null;
        }
        List<InstalledPackage> packages = new ArrayList<>(512);
        while (in.nextElement()) {
            packages.add(installedPackage(in));
        }
        return packages;
    }

    /** Reads one package; its four fields are all strings kept once, read at one place so the JIT compiles little. */
    private InstalledPackage installedPackage(PlainJson in) {
        in.beginObject();
        String name = null;
        String version = null;
        String architecture = null;
        String source = null;
        String field;
        while ((field = in.nextField(PACKAGE)) != null) {
            String value = in.sharedTextOrNull();
            switch (field) {
                case "name" -> name = value;
                case "version" -> version = value;
                case "architecture" -> architecture = value;
                default -> source = value;
            }
        }
        return new InstalledPackage(name, version, architecture, source);
    }

    private static Manifest.Artifact artifact(PlainJson in) {
        if (!in.beginObjectOrNull()) {
            return null;
        }
        String path = null;
        String format = null;
        String sha256 = null;
        long size = 0;
        boolean sized = false;
        String field;
        while ((field = in.nextField(ARTIFACT)) != null) {
            switch (field) {
                case "path" -> {
                    path = in.textOrNull();
                }
                case "format" -> {
                    format = in.textOrNull();
                }
                case "sha256" -> {
                    sha256 = in.textOrNull();
                }
                case "size" -> {
                    size = in.integer();
                    sized = true;
                }
            }
        }
        // Data binding takes a missing size as 0; leave that to it.
        if (!sized) {
            throw decline("an artifact without its size");
        }
        return new Manifest.Artifact(path, format, sha256, size);
    }

    private static List<Manifest.Step> steps(PlainJson in) {
        if (!in.beginArrayOrNull()) {
            return null;
        }
        List<Manifest.Step> steps = new ArrayList<>();
        while (in.nextElement()) {
            in.beginObject();
            String name = null;
            Duration duration = null;
            String field;
            while ((field = in.nextField(STEP)) != null) {
                switch (field) {
                    case "name" -> {
                        name = in.textOrNull();
                    }
                    case "duration" -> {
                        duration = in.durationOrNull();
                    }
                }
            }
            steps.add(new Manifest.Step(name, duration));
        }
        return steps;
    }

    private static List<Manifest.Trigger> triggers(PlainJson in) {
        if (!in.beginArrayOrNull()) {
            return null;
        }
        List<Manifest.Trigger> triggers = new ArrayList<>();
        while (in.nextElement()) {
            triggers.add(trigger(in));
        }
        return triggers;
    }

    private static Manifest.Trigger trigger(PlainJson in) {
        in.beginObject();
        String packageName = null;
        String installed = null;
        String available = null;
        List<String> advisories = null;
        List<String> cves = null;
        String note = null;
        String field;
        while ((field = in.nextField(TRIGGER)) != null) {
            switch (field) {
                case "packageName" -> {
                    packageName = in.textOrNull();
                }
                case "installed" -> {
                    installed = in.textOrNull();
                }
                case "available" -> {
                    available = in.textOrNull();
                }
                case "advisories" -> {
                    advisories = texts(in);
                }
                case "cves" -> {
                    cves = texts(in);
                }
                case "note" -> {
                    note = in.textOrNull();
                }
            }
        }
        return new Manifest.Trigger(packageName, installed, available, advisories, cves, note);
    }

    /** Reads a list of strings, or null; declines a null in the list, which data binding would keep. */
    private static List<String> texts(PlainJson in) {
        if (!in.beginArrayOrNull()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        while (in.nextElement()) {
            String text = in.textOrNull();
            if (text == null) {
                throw decline("null in a list of strings");
            }
            texts.add(text);
        }
        return texts;
    }
}
