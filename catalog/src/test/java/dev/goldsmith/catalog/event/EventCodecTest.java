package dev.goldsmith.catalog.event;

import dev.goldsmith.catalog.version.VersionScheme;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    /** An independent reader, so the spec checks do not trust the codec's own configuration. */
    private final ObjectMapper plain = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void roundTripsEveryEventType(EventType type) {
        CloudEvent event = Samples.eventOf(type);

        byte[] json = codec.encode(event);
        CloudEvent decoded = codec.decode(json);

        assertEquals(event, decoded);
        assertArrayEquals(json, codec.encode(decoded), "re-encoding must give the same bytes");
    }

    @Test
    void writesTheStructuredJsonShapeOfTheCloudEventsSpec() throws Exception {
        CloudEvent event = Samples.eventOf(EventType.ADVISORY_PUBLISHED);

        JsonNode json = plain.readTree(codec.encode(event));

        assertEquals(Set.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"),
                fieldNames(json));
        assertEquals("1.0", json.get("specversion").textValue());
        assertEquals(event.id(), json.get("id").textValue());
        assertEquals("urn:goldsmith:feed:debian-security", json.get("source").textValue());
        assertEquals("dev.goldsmith.advisory.published.v1", json.get("type").textValue());
        assertEquals("DSA-5678-1", json.get("subject").textValue());
        assertEquals("application/json", json.get("datacontenttype").textValue());
        assertEquals(Samples.NOW, OffsetDateTime.parse(json.get("time").textValue()).toInstant());
        for (String name : List.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype")) {
            assertTrue(json.get(name).isTextual(), name + " must be a JSON string");
        }

        JsonNode data = json.get("data");
        assertTrue(data.isObject(), "data must be a JSON object in structured mode");
        assertEquals("critical", data.get("severity").textValue());
        assertEquals("2025-03-02T10:00:00Z", data.get("modified").textValue());
        JsonNode affected = data.get("affected").get(0);
        assertEquals("dpkg", affected.get("versionScheme").textValue());
        assertEquals("3.0.15-1~deb12u2", affected.get("fixed").textValue());
        assertTrue(data.get("affected").get(1).get("fixed").isNull(), "no fix yet is an explicit null");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void writesExactlyTheRecordComponentsAsData(EventType type) throws Exception {
        // Helpers such as key() or hasFix() must not leak into the JSON; decoding ignores unknown fields, so a
        // round trip alone would not notice.
        JsonNode data = plain.readTree(codec.encode(Samples.eventOf(type))).get("data");

        Set<String> components = new TreeSet<>();
        for (RecordComponent component : type.dataClass().getRecordComponents()) {
            components.add(component.getName());
        }
        assertEquals(components, fieldNames(data));
    }

    @Test
    void writesDurationsAsIsoStringsAndSizesAsNumbers() throws Exception {
        JsonNode data = plain.readTree(codec.encode(Samples.eventOf(EventType.BUILD_SUCCEEDED))).get("data");

        assertEquals("PT1.5S", data.get("steps").get(0).get("duration").textValue());
        assertEquals(734_003_200L, data.get("size").longValue());
    }

    @Test
    void keepsExtensionAttributesThroughDecodeAndEncode() throws Exception {
        ObjectNode json = encodedTree(EventType.BUILD_FAILED);
        json.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        json.put("attempt", 3);
        json.put("replayed", true);
        json.put("dataschema", "https://schemas.example/build.failed.v1.json");

        CloudEvent decoded = codec.decode(plain.writeValueAsBytes(json));

        assertEquals(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "attempt", 3, "replayed", true, "dataschema", "https://schemas.example/build.failed.v1.json"),
                decoded.extensions());
        JsonNode again = plain.readTree(codec.encode(decoded));
        assertEquals(3, again.get("attempt").intValue());
        assertTrue(again.get("replayed").booleanValue());
    }

    @Test
    void ignoresUnknownFieldsInDataSoThatOptionalFieldsCanBeAdded() throws Exception {
        ObjectNode json = encodedTree(EventType.QA_PASSED);
        ((ObjectNode) json.get("data")).put("durationSeconds", 42);

        CloudEvent decoded = codec.decode(plain.writeValueAsBytes(json));

        assertEquals(Samples.qa(0), decoded.data());
    }

    @Test
    void writesRemediationInCsafSpellingAndNullWhereTheFeedSaysNothing() throws Exception {
        JsonNode affected = data(encodedTree(EventType.ADVISORY_PUBLISHED)).get("affected");

        assertTrue(affected.get(0).get("remediation").isNull(), "no stated remediation is an explicit null");
        assertEquals("none_available", affected.get(1).get("remediation").textValue());
    }

    @Test
    void readsAffectedPackageOfAnOlderProducerWithoutRemediationAsNone() throws Exception {
        ObjectNode json = encodedTree(EventType.ADVISORY_PUBLISHED);
        ((ObjectNode) data(json).get("affected").get(1)).remove("remediation");

        AdvisoryData decoded = (AdvisoryData) codec.decode(plain.writeValueAsBytes(json)).data();

        assertEquals(new AdvisoryData.AffectedPackage("debian-11", "openssl", VersionScheme.DPKG, "1.1.1n-0", null,
                null), decoded.affected().get(1));
        assertNull(decoded.affected().get(1).remediation());
    }

    @Test
    void readsARebuildRequestOfAnOlderProducerWithoutNotesAsNoNotes() throws Exception {
        ObjectNode json = encodedTree(EventType.REBUILD_REQUESTED);
        assertTrue(data(json).get("notes").isArray(), "notes are written, empty or not");
        ((ObjectNode) data(json)).remove("notes");

        RebuildRequest decoded = (RebuildRequest) codec.decode(plain.writeValueAsBytes(json)).data();

        assertEquals(List.of(), decoded.notes());
        assertEquals(Samples.dataFor(EventType.REBUILD_REQUESTED), decoded);
    }

    @Test
    void acceptsAnEventWithoutOptionalAttributes() throws Exception {
        ObjectNode json = encodedTree(EventType.PACKAGE_WITHDRAWN);
        json.remove(List.of("subject", "time", "datacontenttype"));

        CloudEvent decoded = codec.decode(plain.writeValueAsBytes(json));

        assertEquals(null, decoded.subject());
        assertEquals(null, decoded.time());
        assertEquals("debian-security", decoded.key(), "the key comes from the data, not the subject");
    }

    @Test
    void readsTimeWithAnOffsetAsTheSameInstant() throws Exception {
        ObjectNode json = encodedTree(EventType.PACKAGE_PUBLISHED);
        json.put("time", "2025-03-04T07:06:07.123456+02:00");

        assertEquals(Samples.NOW, codec.decode(plain.writeValueAsBytes(json)).time());
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type"})
    void rejects_missing_required_attribute(String name) throws Exception {
        assertRejected(json -> json.remove(name), "required attribute '" + name + "' is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type"})
    void rejects_null_required_attribute_as_missing(String name) throws Exception {
        assertRejected(json -> json.putNull(name), "required attribute '" + name + "' is missing");
    }

    @Test
    void rejects_empty_id() throws Exception {
        assertRejected(json -> json.put("id", ""), "attribute 'id' must not be empty");
    }

    @Test
    void rejects_non_string_attribute() throws Exception {
        assertRejected(json -> json.put("id", 17), "attribute 'id' must be a JSON string, was NUMBER");
    }

    @Test
    void rejects_wrong_specversion() throws Exception {
        assertRejected(json -> json.put("specversion", "0.3"), "specversion must be '1.0', was '0.3'");
    }

    @Test
    void rejects_unknown_type() throws Exception {
        assertRejected(json -> json.put("type", "dev.goldsmith.package.renamed.v1"),
                "unknown event type 'dev.goldsmith.package.renamed.v1'");
    }

    @Test
    void rejects_unsupported_type_version() throws Exception {
        assertRejected(json -> json.put("type", "dev.goldsmith.package.published.v2"),
                "unsupported version v2");
    }

    @Test
    void rejects_foreign_type() throws Exception {
        assertRejected(json -> json.put("type", "com.example.object.created"), "is not of the form dev.goldsmith.");
    }

    @Test
    void rejects_source_that_is_not_a_uri() throws Exception {
        assertRejected(json -> json.put("source", "not a uri"), "attribute 'source' is not a URI-reference");
    }

    @Test
    void rejects_time_that_is_not_rfc3339() throws Exception {
        assertRejected(json -> json.put("time", "2025-03-04 05:06:07"),
                "attribute 'time' is not an RFC 3339 timestamp: '2025-03-04 05:06:07'");
    }

    @Test
    void rejects_non_json_content_type() throws Exception {
        assertRejected(json -> json.put("datacontenttype", "application/xml"),
                "attribute 'datacontenttype' must be 'application/json', was 'application/xml'");
    }

    @Test
    void rejects_missing_data() throws Exception {
        assertRejected(json -> json.remove("data"), "attribute 'data' is missing; package.published requires"
                + " PackageData");
    }

    @Test
    void rejects_data_that_is_not_an_object() throws Exception {
        assertRejected(json -> json.put("data", "openssl 3.0.15"), "attribute 'data' must be a JSON object, was"
                + " STRING");
    }

    @Test
    void rejects_binary_data() throws Exception {
        assertRejected(json -> json.put("data_base64", "AAEC"), "attribute 'data_base64' is not accepted");
    }

    @Test
    void rejects_data_missing_a_required_field() throws Exception {
        assertRejected(json -> data(json).remove("architecture"),
                "data does not match dev.goldsmith.package.published.v1 (PackageData): architecture must not be"
                        + " blank, was null");
    }

    @Test
    void rejects_data_with_a_bad_nested_value_and_names_its_path() throws Exception {
        assertRejected(json -> ((ObjectNode) data(json).get("file")).put("sha256", "abc"),
                "file.sha256 must be 64 lowercase hex digits, was 'abc'");
    }

    @Test
    void rejects_data_field_of_the_wrong_json_type() throws Exception {
        assertRejected(json -> ((ObjectNode) data(json).get("file")).put("size", "big"),
                "data does not match dev.goldsmith.package.published.v1 (PackageData): data.file.size: expected"
                        + " long, was STRING \"big\"");
    }

    @Test
    void rejects_number_where_text_belongs() throws Exception {
        assertRejected(json -> data(json).put("version", 3), "data.version: expected String, was NUMBER 3");
    }

    @Test
    void rejects_fraction_where_an_integer_belongs() throws Exception {
        assertRejected(json -> ((ObjectNode) data(json).get("file")).put("size", 1.5),
                "data.file.size: expected long, was NUMBER 1.5");
    }

    @Test
    void rejects_missing_count_instead_of_reading_zero() throws Exception {
        ObjectNode json = encodedTree(EventType.QA_FAILED);
        data(json).remove("tests");

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> codec.decode(plain.writeValueAsBytes(json)));

        assertTrue(e.getMessage().contains("data.tests: expected int, was missing"), e.getMessage());
    }

    @Test
    void rejects_missing_flag_instead_of_reading_false() throws Exception {
        ObjectNode json = encodedTree(EventType.REBUILD_REQUESTED);
        data(json).remove("fastLane");

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> codec.decode(plain.writeValueAsBytes(json)));

        assertTrue(e.getMessage().contains("data.fastLane: expected boolean, was missing"), e.getMessage());
    }

    @Test
    void rejects_a_bad_element_of_a_list_and_names_its_index() throws Exception {
        ObjectNode json = encodedTree(EventType.ADVISORY_PUBLISHED);
        ((ObjectNode) data(json).get("affected").get(1)).put("versionScheme", "apk");

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> codec.decode(plain.writeValueAsBytes(json)));

        assertTrue(e.getMessage().contains("(at data.affected[1].versionScheme)"), e.getMessage());
    }

    @Test
    void rejects_unknown_enum_value() throws Exception {
        byte[] bytes = codec.encode(Samples.eventOf(EventType.ADVISORY_UPDATED));
        ObjectNode json = (ObjectNode) plain.readTree(bytes);
        data(json).put("severity", "apocalyptic");

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> codec.decode(plain.writeValueAsBytes(json)));

        assertTrue(e.getMessage().contains("apocalyptic") && e.getMessage().contains("(at data.severity)"),
                e.getMessage());
    }

    @Test
    void rejects_data_of_another_event_type() throws Exception {
        ObjectNode json = encodedTree(EventType.BUILD_SUCCEEDED);
        json.put("type", EventType.IMAGE_PROMOTED.cloudEventType());

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> codec.decode(plain.writeValueAsBytes(json)));

        assertTrue(e.getMessage().startsWith("data does not match dev.goldsmith.image.promoted.v1"
                + " (ImageTransition): "), e.getMessage());
    }

    @Test
    void rejects_published_package_without_file() throws Exception {
        assertRejected(json -> data(json).putNull("file"),
                "package.published of openssl 3.0.15-1~deb12u2 needs its file");
    }

    @Test
    void rejects_passed_qa_with_failures() throws Exception {
        ObjectNode json = encodedTree(EventType.QA_PASSED);
        data(json).put("failures", 1);

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> codec.decode(plain.writeValueAsBytes(json)));

        assertTrue(e.getMessage().contains("qa.passed of web-base 2025.03.04.1 has 1 failures"), e.getMessage());
    }

    @Test
    void rejects_extension_with_a_structured_value() throws Exception {
        assertRejected(json -> json.putObject("tenant").put("name", "blue"),
                "extension attribute 'tenant' must be a string, a boolean or a 32-bit integer, was OBJECT");
    }

    @Test
    void rejects_extension_with_an_illegal_name() throws Exception {
        assertRejected(json -> json.put("Trace-Id", "x"),
                "extension attribute name 'Trace-Id' must be lowercase letters and digits only");
    }

    @Test
    void rejects_duplicate_attribute() {
        String json = new String(codec.encode(Samples.eventOf(EventType.PACKAGE_PUBLISHED)), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"id\":\"first\",");

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> codec.decode(json.getBytes(StandardCharsets.UTF_8)));

        assertTrue(e.getMessage().startsWith("event is not valid JSON: Duplicate field 'id'"), e.getMessage());
    }

    @Test
    void rejects_bytes_that_are_not_json() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> codec.decode("package openssl".getBytes(StandardCharsets.UTF_8)));

        assertTrue(e.getMessage().startsWith("event is not valid JSON: "), e.getMessage());
    }

    @Test
    void rejects_trailing_content_after_the_event() {
        byte[] event = codec.encode(Samples.eventOf(EventType.PACKAGE_PUBLISHED));
        byte[] twice = (new String(event, StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8);

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> codec.decode(twice));

        assertTrue(e.getMessage().startsWith("event is not valid JSON: "), e.getMessage());
    }

    @Test
    void rejects_json_that_is_not_an_object() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> codec.decode("[1, 2]".getBytes(StandardCharsets.UTF_8)));

        assertEquals("event must be a JSON object, was ARRAY", e.getMessage());
    }

    @Test
    void rejects_empty_input() {
        assertEquals("event is empty",
                assertThrows(InvalidEventException.class, () -> codec.decode(new byte[0])).getMessage());
    }

    @Test
    void decodesAnInstantWrittenByHandForAnAdvisory() throws Exception {
        ObjectNode json = encodedTree(EventType.ADVISORY_UPDATED);
        data(json).put("modified", "2025-03-02T12:00:00+02:00");

        AdvisoryData data = (AdvisoryData) codec.decode(plain.writeValueAsBytes(json)).data();

        assertEquals(Instant.parse("2025-03-02T10:00:00Z"), data.modified());
    }

    private InvalidEventException assertRejected(Consumer<ObjectNode> spoil, String expected) throws Exception {
        ObjectNode json = encodedTree(EventType.PACKAGE_PUBLISHED);
        spoil.accept(json);
        byte[] bytes = plain.writeValueAsBytes(json);

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> codec.decode(bytes));

        assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
        return e;
    }

    private ObjectNode encodedTree(EventType type) throws Exception {
        return (ObjectNode) plain.readTree(codec.encode(Samples.eventOf(type)));
    }

    private static ObjectNode data(ObjectNode json) {
        return (ObjectNode) json.get("data");
    }

    private static Set<String> fieldNames(JsonNode json) {
        Set<String> names = new TreeSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
