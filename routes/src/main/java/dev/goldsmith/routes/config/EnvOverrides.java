package dev.goldsmith.routes.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code GOLDSMITH_*} environment variables to the parsed file before it is read.
 *
 * <p>A variable's name is {@code GOLDSMITH_} followed by the field path in upper snake case, list indexes
 * included: {@code GOLDSMITH_HTTP_PORT} sets {@code http.port}, {@code GOLDSMITH_FEEDS_0_INTERVAL} sets
 * {@code feeds[0].interval}. Only single values can be set, and only in list entries the file has. The value is
 * put into the tree as text and then checked like any other value. Variables the file's secrets refer to are
 * left alone, so {@code {env: GOLDSMITH_WEBHOOK_SECRET}} does not read as an override.
 */
final class EnvOverrides {

    static final String PREFIX = "GOLDSMITH";

    /**
     * Variables of the launcher and scripts that share the prefix but set no field: the configuration file itself,
     * the JVM options, and the scripts' note that apt lists were already updated.
     */
    static final Set<String> NOT_OVERRIDES = Set.of("GOLDSMITH_CONFIG", "GOLDSMITH_JAVA_OPTS", "GOLDSMITH_APT_UPDATED");

    /**
     * A field a variable can name: the variable, the field's path, the steps to its parent, its shape and, for a
     * list, how many items the file gives it.
     */
    private record Target(String variable, String fieldPath, List<Object> steps, Shape.Field field, int size) {
    }

    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Set<String> secretVariables = new HashSet<>();

    private EnvOverrides(ObjectNode root) {
        collect(ConfigSchema.ROOT, root, PREFIX, "", List.of());
    }

    /** Sets every override in {@code env} on {@code root}, reporting variables that name no settable field. */
    static void apply(ObjectNode root, Map<String, String> env, Problems problems) {
        EnvOverrides overrides = new EnvOverrides(root);
        for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
            String name = variable.getKey();
            if (name.startsWith(PREFIX + "_") && !overrides.secretVariables.contains(name)
                    && !NOT_OVERRIDES.contains(name)) {
                overrides.apply(root, name, variable.getValue(), problems);
            }
        }
    }

    private void apply(ObjectNode root, String name, String value, Problems problems) {
        Target target = targets.get(name);
        if (target == null) {
            problems.add(name, unknownReason(name));
        } else if (target.field().kind() != Shape.Kind.VALUE) {
            problems.add(target.fieldPath(), "is not a single value, so environment variable " + name
                    + " cannot set it");
        } else {
            ObjectNode parent = parentOf(root, target.steps());
            // A parent of the wrong type is reported when the file is read; the override then has nowhere to go.
            if (parent != null) {
                parent.set(target.field().key(), TextNode.valueOf(value));
                problems.overridden(target.fieldPath(), name);
            }
        }
    }

    private String unknownReason(String name) {
        for (Target list : targets.values()) {
            Matcher index = Pattern.compile(Pattern.quote(list.variable() + "_") + "(\\d{1,9})(?:_|$)").matcher(name);
            if (list.field().kind() == Shape.Kind.SECTIONS && index.lookingAt()
                    && Integer.parseInt(index.group(1)) >= list.size()) {
                return "environment variable names " + list.fieldPath() + "[" + index.group(1) + "], but "
                        + list.fieldPath() + " has " + list.size() + (list.size() == 1 ? " entry" : " entries")
                        + " in the file";
            }
        }
        List<String> settable = targets.entrySet().stream()
                .filter(entry -> entry.getValue().field().kind() == Shape.Kind.VALUE).map(Map.Entry::getKey)
                .toList();
        String hint = Suggestions.closest(name, settable).map(match -> "; did you mean " + match + "?").orElse("");
        return "environment variable names no configuration field, and no secret refers to it" + hint;
    }

    private void collect(Shape shape, JsonNode node, String variablePrefix, String pathPrefix, List<Object> steps) {
        for (Shape.Field field : shape.fields()) {
            String variable = variablePrefix + "_" + field.key().toUpperCase(Locale.ROOT).replace('-', '_');
            String fieldPath = pathPrefix.isEmpty() ? field.key() : pathPrefix + "." + field.key();
            JsonNode value = node == null ? null : node.get(field.key());
            int size = value != null && value.isArray() ? value.size() : 0;
            if (targets.put(variable, new Target(variable, fieldPath, steps, field, size)) != null) {
                throw new IllegalStateException("two configuration fields map to " + variable);
            }
            List<Object> childSteps = append(steps, field.key());
            switch (field.kind()) {
                case SECTION -> collect(field.nested(), value != null && value.isObject() ? value : null, variable,
                        fieldPath, childSteps);
                case SECTIONS -> {
                    for (int i = 0; i < size; i++) {
                        JsonNode item = value.get(i);
                        collect(field.nested(), item.isObject() ? item : null, variable + "_" + i,
                                fieldPath + "[" + i + "]", append(childSteps, i));
                    }
                }
                case SECRET -> {
                    if (value != null && value.isObject() && value.path("env").isTextual()) {
                        secretVariables.add(value.path("env").textValue());
                    }
                }
                default -> {
                    // Values, lists of values and maps have no fields of their own.
                }
            }
        }
    }

    private static List<Object> append(List<Object> steps, Object step) {
        List<Object> longer = new ArrayList<>(steps);
        longer.add(step);
        return List.copyOf(longer);
    }

    /** Returns the mapping the steps lead to, creating absent sections; null if a step meets something else. */
    private static ObjectNode parentOf(ObjectNode root, List<Object> steps) {
        JsonNode current = root;
        for (Object step : steps) {
            if (step instanceof Integer index) {
                current = current.isArray() ? current.get(index) : null;
            } else if (current.isObject()) {
                JsonNode next = current.get((String) step);
                current = next == null || next.isNull() ? ((ObjectNode) current).putObject((String) step) : next;
            } else {
                current = null;
            }
            if (current == null) {
                return null;
            }
        }
        return current.isObject() ? (ObjectNode) current : null;
    }
}
