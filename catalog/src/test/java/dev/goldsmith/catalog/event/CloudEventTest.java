package dev.goldsmith.catalog.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CloudEventTest {

    private final CloudEvent event = Samples.eventOf(EventType.BUILD_SUCCEEDED);

    @Test
    void addsExtensionWithoutChangingTheRest() {
        CloudEvent traced = event.withExtension("traceparent", "00-abc-def-01");

        assertEquals(Map.of("traceparent", "00-abc-def-01"), traced.extensions());
        assertEquals(event.id(), traced.id());
        assertEquals(event.data(), traced.data());
        assertEquals(Map.of(), event.extensions());
    }

    @Test
    void rejects_extension_that_takes_a_reserved_name() {
        assertMessage("extension attribute name 'subject' is reserved", () -> event.withExtension("subject", "x"));
    }

    @Test
    void rejects_extension_with_uppercase_name() {
        assertMessage("extension attribute name 'traceParent' must be lowercase letters and digits only",
                () -> event.withExtension("traceParent", "x"));
    }

    @Test
    void rejects_extension_value_of_a_type_cloudevents_has_no_json_form_for() {
        assertMessage("extension attribute weight must be a String, Integer or Boolean, was Double",
                () -> event.withExtension("weight", 0.5));
    }

    @Test
    void rejects_blank_id_and_empty_source() {
        assertMessage("id must not be blank, was ''", () -> new CloudEvent("", event.source(), event.type(),
                event.subject(), event.time(), event.data()));
        assertMessage("source must not be empty", () -> new CloudEvent(event.id(), URI.create(""), event.type(),
                event.subject(), event.time(), event.data()));
    }

    @Test
    void rejects_data_that_does_not_fit_the_type() {
        assertMessage("qa.passed carries QaResult, not BuildSucceeded", () -> new CloudEvent(event.id(),
                event.source(), EventType.QA_PASSED, event.subject(), event.time(), event.data()));
    }

    private static void assertMessage(String expected, Executable construction) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, construction).getMessage());
    }
}
