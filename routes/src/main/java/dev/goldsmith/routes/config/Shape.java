package dev.goldsmith.routes.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys a mapping in the configuration file may hold and what each holds; shared by the reader, which rejects
 * unknown keys, and by the environment overrides, which need to know every field's path.
 */
final class Shape {

    /** What a key holds. */
    enum Kind {
        /** A single scalar: text, number, boolean, duration, path or URL. */
        VALUE,
        /** A list of scalars. */
        VALUES,
        /** A mapping of names to scalars. */
        MAP,
        /** A {@code {env: NAME}} or {@code {file: PATH}} reference. */
        SECRET,
        /** A nested mapping with its own shape. */
        SECTION,
        /** A list of nested mappings sharing one shape. */
        SECTIONS
    }

    /** A key, what it holds and, for sections, their shape. */
    record Field(String key, Kind kind, Shape nested) {
    }

    private final Map<String, Field> fields;

    private Shape(Map<String, Field> fields) {
        this.fields = fields;
    }

    static Shape of(Field... fields) {
        Map<String, Field> byKey = new LinkedHashMap<>();
        for (Field field : fields) {
            if (byKey.put(field.key(), field) != null) {
                throw new IllegalArgumentException("key declared twice: " + field.key());
            }
        }
        return new Shape(byKey);
    }

    static Field value(String key) {
        return new Field(key, Kind.VALUE, null);
    }

    static Field values(String key) {
        return new Field(key, Kind.VALUES, null);
    }

    static Field map(String key) {
        return new Field(key, Kind.MAP, null);
    }

    static Field secret(String key) {
        return new Field(key, Kind.SECRET, null);
    }

    static Field section(String key, Shape nested) {
        return new Field(key, Kind.SECTION, nested);
    }

    static Field sections(String key, Shape nested) {
        return new Field(key, Kind.SECTIONS, nested);
    }

    /** Returns the fields in declaration order. */
    Collection<Field> fields() {
        return fields.values();
    }

    /** Returns the field {@code key}, which the code reading this shape must have declared. */
    Field field(String key) {
        Field field = fields.get(key);
        if (field == null) {
            throw new IllegalArgumentException("the configuration shape declares no key '" + key + "'");
        }
        return field;
    }
}
