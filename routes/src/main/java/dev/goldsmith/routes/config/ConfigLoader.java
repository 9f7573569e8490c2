package dev.goldsmith.routes.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code goldsmith.yaml} into a {@link GoldsmithConfig}, checking everything and reporting every problem at
 * once.
 *
 * <p>The file is parsed into a tree, {@code GOLDSMITH_*} environment variables are applied to it (see
 * {@link EnvOverrides}), and the tree is then read against the shape of the configuration records. Relative paths
 * resolve against the directory of the file. Secrets are checked for presence but their values are not kept.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    private ConfigLoader() {
    }

    /** Returns the configuration in {@code file}, with overrides from the process environment. */
    public static GoldsmithConfig load(Path file) throws ConfigException {
        return load(file, System.getenv());
    }

    /**
     * Returns the configuration in {@code file}, with overrides from {@code env}; secrets given as
     * {@code {env: NAME}} are looked up in {@code env} too.
     *
     * @throws UnreadableConfigException if the file cannot be read at all
     * @throws ConfigException if the file has problems; it carries all of them
     */
    public static GoldsmithConfig load(Path file, Map<String, String> env) throws ConfigException {
        String text = read(file);
        Problems problems = new Problems(file);
        JsonNode tree = parse(text, problems);
        problems.throwIfAny();
        if (tree.isMissingNode() || tree.isNull()) {
            tree = YAML.createObjectNode();
        }
        if (!tree.isObject()) {
            problems.add("", "expected a mapping of sections at the top level, got " + Mapping.describe(tree));
            problems.throwIfAny();
        }

        ObjectNode root = (ObjectNode) tree;
        EnvOverrides.apply(root, env, problems);
        Path absolute = file.toAbsolutePath().normalize();
        GoldsmithConfig config = new ConfigReader(env).read(absolute, Mapping.root(problems, absolute.getParent(),
                root));
        problems.throwIfAny();
        return config;
    }

    private static String read(Path file) throws UnreadableConfigException {
        if (Files.isDirectory(file)) {
            throw new UnreadableConfigException(file, "is a directory, not a configuration file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UnreadableConfigException(file, "file not found");
        } catch (AccessDeniedException e) {
            throw new UnreadableConfigException(file, "file not readable: permission denied");
        } catch (CharacterCodingException e) {
            throw new UnreadableConfigException(file, "file is not UTF-8 text");
        } catch (IOException e) {
            throw new UnreadableConfigException(file, "file not readable: " + e.getMessage());
        }
    }

    /** Returns the file's tree, or a missing node after reporting the syntax error that stopped the parser. */
    private static JsonNode parse(String text, Problems problems) {
        try {
            JsonNode tree = YAML.readTree(text);
            return tree == null ? YAML.missingNode() : tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            problems.add("", "YAML syntax error" + where + ": " + firstLines(e.getOriginalMessage()));
            return YAML.missingNode();
        }
    }

    /**
     * Returns the parser's message without its quoted excerpt of the file: the excerpt could hold anything, and the
     * line and column already say where to look.
     */
    private static String firstLines(String message) {
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.matches()) {
            return "duplicate key '" + duplicate.group(1) + "'";
        }
        return Arrays.stream(message.split("\\R"))
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .collect(Collectors.joining("; "));
    }
}
