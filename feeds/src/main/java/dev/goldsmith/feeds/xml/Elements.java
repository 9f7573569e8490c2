package dev.goldsmith.feeds.xml;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Walks a StAX reader element by element, so that a parser reads like the document's structure:
 * <pre>{@code
 * while (Elements.nextChild(reader)) {
 *     switch (reader.getLocalName()) {
 *         case "name" -> name = Elements.text(reader);
 *         default -> Elements.skip(reader);
 *     }
 * }
 * }</pre>
 * Each method that leaves an element leaves the reader on that element's end tag, which is where
 * {@link #nextChild} expects to continue from.
 */
public final class Elements {

    private Elements() {
    }

    /**
     * Advances to the next child element of the element the reader is in and returns true, or returns false on
     * reaching that element's end tag. Text, comments and processing instructions in between are passed over.
     */
    public static boolean nextChild(XMLStreamReader reader) throws XMLStreamException {
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("document ended inside an element", reader.getLocation());
            }
        }
    }

    /** Advances to the root element and returns its local name. */
    public static String root(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                return reader.getLocalName();
            }
        }
        throw new XMLStreamException("document has no root element", reader.getLocation());
    }

    /** Passes over the current element and everything inside it. */
    public static void skip(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Returns the current element's text with surrounding whitespace removed; the element must hold no elements. */
    public static String text(XMLStreamReader reader) throws XMLStreamException {
        return reader.getElementText().strip();
    }

    /** Returns the value of the attribute without namespace called {@code name}, or null when there is none. */
    public static String attribute(XMLStreamReader reader, String name) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String namespace = reader.getAttributeNamespace(i);
            if ((namespace == null || namespace.isEmpty()) && name.equals(reader.getAttributeLocalName(i))) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    /** Returns the {@code xml:base} attribute of the current element, or null when there is none. */
    public static String xmlBase(XMLStreamReader reader) {
        return reader.getAttributeValue(XMLConstants.XML_NS_URI, "base");
    }
}
