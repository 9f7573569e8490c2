package dev.goldsmith.catalog.blueprint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.goldsmith.catalog.version.VersionScheme;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads osbuild-compatible blueprints from TOML. The TOML is parsed into a tree which this class walks itself,
 * so that it can report every problem at once with the field path it concerns: unknown keys (an unsupported
 * customization is an error, never dropped), values of the wrong type, missing required values and values that
 * break a rule in {@link BlueprintRules}. A blueprint with any problem is refused as a whole.
 */
public final class BlueprintReader {

    private static final TomlMapper TOML = new TomlMapper();

    /** Blueprints are small text files kept in Git; anything this large is a mistake or an attack. */
    private static final long MAX_FILE_BYTES = 8L << 20;

    private BlueprintReader() {
    }

    /**
     * Returns the blueprint in the UTF-8 file {@code file}.
     *
     * @throws BlueprintException listing every problem, or the one reason the file could not be read
     */
    public static Blueprint read(Path file) throws BlueprintException {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw single(file.toString(), "is larger than " + MAX_FILE_BYTES + " bytes");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw single(file.toString(), "is not valid UTF-8");
        } catch (IOException e) {
            throw single(file.toString(), "cannot be read: " + e);
        }
        return parse(text, file.toString());
    }

    /**
     * Returns the blueprint written in {@code toml}; {@code source} names where it came from in problems.
     *
     * @throws BlueprintException listing every problem found
     */
    public static Blueprint parse(String toml, String source) throws BlueprintException {
        JsonNode root;
        try {
            root = TOML.readTree(toml);
        } catch (JacksonException e) {
            throw single(source, "is not valid TOML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw single(source, "is empty");
        }
        Walk walk = new Walk(source);
        Blueprint blueprint = walk.blueprint((ObjectNode) root);
        if (!walk.problems.isEmpty()) {
            throw new BlueprintException(walk.problems);
        }
        return blueprint;
    }

    private static BlueprintException single(String source, String reason) {
        return new BlueprintException(List.of(new BlueprintProblem(source, "", reason)));
    }

    /** One pass over one tree, collecting problems. */
    private static final class Walk {

        private final String source;
        private final List<BlueprintProblem> problems = new ArrayList<>();

        Walk(String source) {
            this.source = source;
        }

        Blueprint blueprint(ObjectNode root) {
            onlyKeys(root, "", "name", "description", "version", "distro", "packages", "groups",
                    "customizations", "goldsmith");
            String name = checked(string(root, "", "name", true, false), "name", BlueprintRules::nameProblem);
            String description = string(root, "", "description", false, true);
            String version = checked(string(root, "", "version", false, false), "version",
                    BlueprintRules::semanticVersionProblem);
            String distroName = string(root, "", "distro", true, false);
            // Without a known distro the RPM name rule still applies: it is the looser of the two, yet it
            // refuses leading hyphens and metacharacters, so hostile names are reported either way.
            VersionScheme scheme = VersionScheme.RPM;
            if (distroName != null) {
                var distro = Distro.parse(distroName);
                if (distro.isEmpty()) {
                    problem("distro", "'" + distroName + "' is not a known distribution release; expected a family ("
                            + Distro.familyNames() + ") and a release, such as debian-12 or rhel-9");
                } else {
                    scheme = distro.get().family().scheme();
                }
            }
            List<PackageSpec> packages = packages(root, "packages", scheme);
            List<PackageSpec> groups = packages(root, "groups", scheme);
            if (!groups.isEmpty() && scheme == VersionScheme.DPKG && distroName != null) {
                problem("groups", "package groups are RPM comps groups; " + distroName + " has none");
            }
            ObjectNode customizationsNode = table(root, "", "customizations");
            Customizations customizations = customizationsNode == null ? Customizations.NONE
                    : new CustomizationsWalk(this).customizations(customizationsNode);
            ObjectNode goldsmithNode = table(root, "", "goldsmith");
            GoldsmithSettings goldsmith = goldsmithNode == null ? GoldsmithSettings.NONE : goldsmith(goldsmithNode);
            if (!problems.isEmpty()) {
                return null;
            }
            return new Blueprint(name, description, version == null ? Blueprint.DEFAULT_VERSION : version,
                    distroName, packages, groups, customizations, goldsmith);
        }

        private List<PackageSpec> packages(ObjectNode root, String key, VersionScheme scheme) {
            List<PackageSpec> specs = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<ObjectNode> entries = tables(root, "", key);
            for (int i = 0; i < entries.size(); i++) {
                String path = key + "[" + i + "]";
                ObjectNode entry = entries.get(i);
                onlyKeys(entry, path, "name", "version");
                String name = checked(string(entry, path, "name", true, false), path + ".name",
                        value -> BlueprintRules.packageNameProblem(value, scheme));
                String version = checked(string(entry, path, "version", false, false), path + ".version",
                        BlueprintRules::versionGlobProblem);
                if (name != null && !seen.add(name)) {
                    problem(path + ".name", "'" + name + "' is listed twice");
                }
                if (name != null) {
                    specs.add(new PackageSpec(name, version == null || version.isEmpty()
                            ? PackageSpec.ANY_VERSION : version));
                }
            }
            return specs;
        }

        private GoldsmithSettings goldsmith(ObjectNode node) {
            String path = "goldsmith";
            onlyKeys(node, path, "base", "parent", "builder-pool", "qa-suite", "channels", "subscribers");
            return new GoldsmithSettings(
                    checked(string(node, path, "base", false, false), path + ".base", BlueprintRules::baseProblem),
                    checked(string(node, path, "parent", false, false), path + ".parent",
                            BlueprintRules::simpleNameProblem),
                    checked(string(node, path, "builder-pool", false, false), path + ".builder-pool",
                            BlueprintRules::simpleNameProblem),
                    checked(string(node, path, "qa-suite", false, false), path + ".qa-suite",
                            BlueprintRules::simpleNameProblem),
                    orEmpty(checkedAll(strings(node, path, "channels"), path + ".channels",
                            BlueprintRules::simpleNameProblem)),
                    orEmpty(checkedAll(strings(node, path, "subscribers"), path + ".subscribers",
                            BlueprintRules::subscriberProblem)));
        }

        // Generic helpers shared with CustomizationsWalk.

        void problem(String fieldPath, String reason) {
            problems.add(new BlueprintProblem(source, fieldPath, reason));
        }

        static String join(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        /** Reports every key of {@code node} that is not in {@code allowed}. */
        void onlyKeys(ObjectNode node, String path, String... allowed) {
            Set<String> known = Set.of(allowed);
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (!known.contains(key)) {
                    String what = path.equals("customizations") ? "unsupported customization" : "unknown key";
                    problem(join(path, key), what + " '" + key + "'; expected one of "
                            + String.join(", ", allowed));
                }
            }
        }

        /** Returns the string at {@code key}, or null when absent or wrong (after reporting it). */
        String string(ObjectNode node, String path, String key, boolean required, boolean multiline) {
            JsonNode value = node.get(key);
            String field = join(path, key);
            if (value == null || value.isNull()) {
                if (required) {
                    problem(field, "is required");
                }
                return null;
            }
            if (!value.isTextual()) {
                problem(field, "must be a string, was " + describe(value));
                return null;
            }
            return text(field, value.textValue(), multiline);
        }

        String text(String field, String value, boolean multiline) {
            String problem = BlueprintRules.textProblem(value, multiline);
            if (problem != null) {
                problem(field, problem);
                return null;
            }
            return value;
        }

        Integer integer(ObjectNode node, String path, String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                problem(join(path, key), "must be an integer that fits in 32 bits, was " + describe(value));
                return null;
            }
            return value.intValue();
        }

        Boolean bool(ObjectNode node, String path, String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isBoolean()) {
                problem(join(path, key), "must be true or false, was " + describe(value));
                return null;
            }
            return value.booleanValue();
        }

        /** Returns the list of strings at {@code key}, null when absent; wrong elements are reported and left out. */
        List<String> strings(ObjectNode node, String path, String key) {
            JsonNode value = node.get(key);
            String field = join(path, key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isArray()) {
                problem(field, "must be a list of strings, was " + describe(value));
                return null;
            }
            List<String> result = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                String elementField = field + "[" + i + "]";
                if (!element.isTextual()) {
                    problem(elementField, "must be a string, was " + describe(element));
                } else {
                    String text = text(elementField, element.textValue(), false);
                    if (text != null) {
                        result.add(text);
                    }
                }
            }
            return result;
        }

        ObjectNode table(ObjectNode node, String path, String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isObject()) {
                problem(join(path, key), "must be a table, was " + describe(value));
                return null;
            }
            return (ObjectNode) value;
        }

        /** Returns the array of tables at {@code key}; an element that is not a table is reported and skipped. */
        List<ObjectNode> tables(ObjectNode node, String path, String key) {
            JsonNode value = node.get(key);
            String field = join(path, key);
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                problem(field, "must be an array of tables ([[" + field + "]]), was " + describe(value));
                return List.of();
            }
            List<ObjectNode> result = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                if (value.get(i).isObject()) {
                    result.add((ObjectNode) value.get(i));
                } else {
                    problem(field + "[" + i + "]", "must be a table, was " + describe(value.get(i)));
                }
            }
            return result;
        }

        /** Returns {@code value} if it passes {@code rule} (or is null); reports it and returns null otherwise. */
        String checked(String value, String field, UnaryOperator<String> rule) {
            if (value == null) {
                return null;
            }
            String problem = rule.apply(value);
            if (problem != null) {
                problem(field, "'" + printable(value) + "' " + problem);
                return null;
            }
            return value;
        }

        /** As {@link #checked}, but leaves the value out of the message, because it may be a password. */
        String checkedSecret(String value, String field, UnaryOperator<String> rule) {
            String problem = value == null ? null : rule.apply(value);
            if (problem != null) {
                problem(field, problem);
                return null;
            }
            return value;
        }

        List<String> checkedAll(List<String> values, String field, UnaryOperator<String> rule) {
            if (values == null) {
                return null;
            }
            List<String> result = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                String value = checked(values.get(i), field + "[" + i + "]", rule);
                if (value != null) {
                    result.add(value);
                }
            }
            return result;
        }

        static List<String> orEmpty(List<String> values) {
            return values == null ? List.of() : values;
        }

        /** Returns {@code value} shortened and with control characters escaped, fit for a message. */
        static String printable(String value) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < value.length() && text.length() < 80; i++) {
                char c = value.charAt(i);
                text.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
            return text.length() >= 80 ? text + "..." : text.toString();
        }

        private static String describe(JsonNode value) {
            if (value.isObject()) {
                return "a table";
            }
            if (value.isArray()) {
                return "a list";
            }
            return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + value;
        }
    }

    /** The walk over {@code [customizations]}, kept apart because it is most of the format. */
    private static final class CustomizationsWalk {

        private final Walk walk;

        CustomizationsWalk(Walk walk) {
            this.walk = walk;
        }

        Customizations customizations(ObjectNode node) {
            String path = "customizations";
            walk.onlyKeys(node, path, "hostname", "kernel", "timezone", "locale", "user", "group", "services",
                    "firewall", "files", "directories", "repositories");
            String hostname = walk.checked(walk.string(node, path, "hostname", false, false), path + ".hostname",
                    BlueprintRules::hostnameProblem);
            return new Customizations(hostname, kernel(node), timezone(node), locale(node), users(node),
                    groups(node), services(walk.table(node, path, "services"), path + ".services",
                            BlueprintRules::serviceProblem),
                    firewall(node), files(node), directories(node), repositories(node));
        }

        private String kernel(ObjectNode parent) {
            ObjectNode node = walk.table(parent, "customizations", "kernel");
            if (node == null) {
                return null;
            }
            String path = "customizations.kernel";
            walk.onlyKeys(node, path, "append");
            return walk.checked(walk.string(node, path, "append", false, false), path + ".append",
                    BlueprintRules::kernelAppendProblem);
        }

        private Customizations.Timezone timezone(ObjectNode parent) {
            ObjectNode node = walk.table(parent, "customizations", "timezone");
            if (node == null) {
                return null;
            }
            String path = "customizations.timezone";
            walk.onlyKeys(node, path, "timezone", "ntpservers");
            return new Customizations.Timezone(
                    walk.checked(walk.string(node, path, "timezone", false, false), path + ".timezone",
                            BlueprintRules::timezoneProblem),
                    walk.checkedAll(walk.strings(node, path, "ntpservers"), path + ".ntpservers",
                            BlueprintRules::ntpServerProblem));
        }

        private Customizations.Locale locale(ObjectNode parent) {
            ObjectNode node = walk.table(parent, "customizations", "locale");
            if (node == null) {
                return null;
            }
            String path = "customizations.locale";
            walk.onlyKeys(node, path, "languages", "keyboard");
            return new Customizations.Locale(
                    walk.checkedAll(walk.strings(node, path, "languages"), path + ".languages",
                            BlueprintRules::languageProblem),
                    walk.checked(walk.string(node, path, "keyboard", false, false), path + ".keyboard",
                            BlueprintRules::keyboardProblem));
        }

        private List<Customizations.User> users(ObjectNode parent) {
            List<Customizations.User> users = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<ObjectNode> entries = walk.tables(parent, "customizations", "user");
            for (int i = 0; i < entries.size(); i++) {
                ObjectNode node = entries.get(i);
                String path = "customizations.user[" + i + "]";
                walk.onlyKeys(node, path, "name", "description", "password", "key", "home", "shell", "groups",
                        "uid", "gid");
                String name = walk.checked(walk.string(node, path, "name", true, false), path + ".name",
                        BlueprintRules::accountNameProblem);
                if (name != null && !seen.add(name)) {
                    walk.problem(path + ".name", "user '" + name + "' is listed twice");
                }
                users.add(new Customizations.User(name,
                        walk.checked(walk.string(node, path, "description", false, false), path + ".description",
                                BlueprintRules::userDescriptionProblem),
                        walk.checkedSecret(walk.string(node, path, "password", false, false), path + ".password",
                                BlueprintRules::passwordProblem),
                        walk.checked(walk.string(node, path, "key", false, false), path + ".key",
                                BlueprintRules::sshKeyProblem),
                        walk.checked(walk.string(node, path, "home", false, false), path + ".home",
                                BlueprintRules::accountPathProblem),
                        walk.checked(walk.string(node, path, "shell", false, false), path + ".shell",
                                BlueprintRules::accountPathProblem),
                        walk.checkedAll(walk.strings(node, path, "groups"), path + ".groups",
                                BlueprintRules::accountNameProblem),
                        id(node, path, "uid", name), id(node, path, "gid", name)));
            }
            return users;
        }

        private Integer id(ObjectNode node, String path, String key, String accountName) {
            Integer id = walk.integer(node, path, key);
            if (id == null) {
                return null;
            }
            String problem = BlueprintRules.idProblem(id, accountName);
            if (problem != null) {
                walk.problem(path + "." + key, problem);
                return null;
            }
            return id;
        }

        private List<Customizations.Group> groups(ObjectNode parent) {
            List<Customizations.Group> groups = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<ObjectNode> entries = walk.tables(parent, "customizations", "group");
            for (int i = 0; i < entries.size(); i++) {
                ObjectNode node = entries.get(i);
                String path = "customizations.group[" + i + "]";
                walk.onlyKeys(node, path, "name", "gid");
                String name = walk.checked(walk.string(node, path, "name", true, false), path + ".name",
                        BlueprintRules::accountNameProblem);
                if (name != null && !seen.add(name)) {
                    walk.problem(path + ".name", "group '" + name + "' is listed twice");
                }
                groups.add(new Customizations.Group(name, id(node, path, "gid", name)));
            }
            return groups;
        }

        private Customizations.Services services(ObjectNode node, String path, UnaryOperator<String> rule) {
            if (node == null) {
                return null;
            }
            walk.onlyKeys(node, path, "enabled", "disabled");
            return new Customizations.Services(
                    walk.checkedAll(walk.strings(node, path, "enabled"), path + ".enabled", rule),
                    walk.checkedAll(walk.strings(node, path, "disabled"), path + ".disabled", rule));
        }

        private Customizations.Firewall firewall(ObjectNode parent) {
            ObjectNode node = walk.table(parent, "customizations", "firewall");
            if (node == null) {
                return null;
            }
            String path = "customizations.firewall";
            walk.onlyKeys(node, path, "ports", "services");
            return new Customizations.Firewall(
                    walk.checkedAll(walk.strings(node, path, "ports"), path + ".ports", BlueprintRules::portProblem),
                    services(walk.table(node, path, "services"), path + ".services",
                            BlueprintRules::firewallServiceProblem));
        }

        private List<Customizations.FileNode> files(ObjectNode parent) {
            List<Customizations.FileNode> files = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<ObjectNode> entries = walk.tables(parent, "customizations", "files");
            for (int i = 0; i < entries.size(); i++) {
                ObjectNode node = entries.get(i);
                String path = "customizations.files[" + i + "]";
                walk.onlyKeys(node, path, "path", "mode", "user", "group", "data");
                String filePath = walk.checked(walk.string(node, path, "path", true, false), path + ".path",
                        BlueprintRules::filePathProblem);
                if (filePath != null && !seen.add(filePath)) {
                    walk.problem(path + ".path", "'" + filePath + "' is written twice");
                }
                files.add(new Customizations.FileNode(filePath,
                        walk.checked(walk.string(node, path, "mode", false, false), path + ".mode",
                                value -> BlueprintRules.modeProblem(value, false)),
                        owner(node, path, "user"), owner(node, path, "group"),
                        walk.string(node, path, "data", false, true)));
            }
            return files;
        }

        private List<Customizations.DirectoryNode> directories(ObjectNode parent) {
            List<Customizations.DirectoryNode> directories = new ArrayList<>();
            List<ObjectNode> entries = walk.tables(parent, "customizations", "directories");
            for (int i = 0; i < entries.size(); i++) {
                ObjectNode node = entries.get(i);
                String path = "customizations.directories[" + i + "]";
                walk.onlyKeys(node, path, "path", "mode", "user", "group", "ensure_parents");
                directories.add(new Customizations.DirectoryNode(
                        walk.checked(walk.string(node, path, "path", true, false), path + ".path",
                                BlueprintRules::directoryPathProblem),
                        walk.checked(walk.string(node, path, "mode", false, false), path + ".mode",
                                value -> BlueprintRules.modeProblem(value, true)),
                        owner(node, path, "user"), owner(node, path, "group"),
                        walk.bool(node, path, "ensure_parents")));
            }
            return directories;
        }

        /** Returns a file owner: a user or group name, or a numeric id written as an integer, as a string. */
        private String owner(ObjectNode node, String path, String key) {
            JsonNode value = node.get(key);
            if (value != null && value.isIntegralNumber()) {
                Integer id = walk.integer(node, path, key);
                String problem = id == null ? null : BlueprintRules.idProblem(id, "root");
                if (problem != null) {
                    walk.problem(path + "." + key, problem);
                    return null;
                }
                return id == null ? null : id.toString();
            }
            return walk.checked(walk.string(node, path, key, false, false), path + "." + key,
                    BlueprintRules::accountNameProblem);
        }

        private List<Customizations.Repository> repositories(ObjectNode parent) {
            List<Customizations.Repository> repositories = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<ObjectNode> entries = walk.tables(parent, "customizations", "repositories");
            for (int i = 0; i < entries.size(); i++) {
                ObjectNode node = entries.get(i);
                String path = "customizations.repositories[" + i + "]";
                walk.onlyKeys(node, path, "id", "name", "baseurls", "metalink", "mirrorlist", "gpgkeys",
                        "gpgcheck", "repo_gpgcheck", "enabled", "priority", "sslverify");
                List<String> baseUrls = walk.checkedAll(walk.strings(node, path, "baseurls"), path + ".baseurls",
                        BlueprintRules::repositoryUrlProblem);
                String metalink = walk.checked(walk.string(node, path, "metalink", false, false),
                        path + ".metalink", BlueprintRules::repositoryUrlProblem);
                String mirrorlist = walk.checked(walk.string(node, path, "mirrorlist", false, false),
                        path + ".mirrorlist", BlueprintRules::repositoryUrlProblem);
                boolean anySource = node.has("baseurls") || node.has("metalink") || node.has("mirrorlist");
                if (!anySource) {
                    walk.problem(path, "needs baseurls, metalink or mirrorlist");
                }
                List<String> gpgKeys = gpgKeys(node, path);
                Boolean gpgCheck = walk.bool(node, path, "gpgcheck");
                if (Boolean.TRUE.equals(gpgCheck) && !node.has("gpgkeys")) {
                    walk.problem(path + ".gpgkeys", "are required when gpgcheck is true");
                }
                String id = walk.checked(walk.string(node, path, "id", true, false), path + ".id",
                        BlueprintRules::repositoryIdProblem);
                if (id != null && !seen.add(id)) {
                    walk.problem(path + ".id", "repository '" + id + "' is listed twice");
                }
                repositories.add(new Customizations.Repository(id,
                        walk.string(node, path, "name", false, false), baseUrls, metalink, mirrorlist, gpgKeys,
                        gpgCheck, walk.bool(node, path, "repo_gpgcheck"), walk.bool(node, path, "enabled"),
                        walk.integer(node, path, "priority"), walk.bool(node, path, "sslverify")));
            }
            return repositories;
        }

        /** Reads gpgkeys, whose elements span lines, so they are checked as multi-line text. */
        private List<String> gpgKeys(ObjectNode node, String path) {
            JsonNode value = node.get("gpgkeys");
            String field = path + ".gpgkeys";
            if (value == null) {
                return null;
            }
            if (!value.isArray()) {
                walk.problem(field, "must be a list of armored public key blocks");
                return null;
            }
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                String elementField = field + "[" + i + "]";
                if (!value.get(i).isTextual()) {
                    walk.problem(elementField, "must be a string");
                    continue;
                }
                String text = walk.text(elementField, value.get(i).textValue(), true);
                String problem = text == null ? null : BlueprintRules.gpgKeyProblem(text);
                if (problem != null) {
                    walk.problem(elementField, problem);
                } else if (text != null) {
                    keys.add(text);
                }
            }
            return keys;
        }
    }
}
