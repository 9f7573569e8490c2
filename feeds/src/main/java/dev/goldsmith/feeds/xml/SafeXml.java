package dev.goldsmith.feeds.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketException;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.SizeLimitExceededException;

/**
 * Opens XML that a feed served with a StAX reader that cannot be talked into reading local files, fetching URLs or
 * expanding entities without bound.
 *
 * <p>A document that carries a DOCTYPE is refused as soon as the reader reaches it. No repository or advisory format
 * Goldsmith reads needs one, so a DOCTYPE is either a mistake or an attack, and saying so is more useful than quietly
 * dropping the entity references that follow it. DTD support is off as well, and the JDK's entity limits are set
 * low, so that a reader made by {@link #newFactory()} stays safe even if the refusal were ever bypassed.
 *
 * <p>Readers always come from the JDK's built-in StAX implementation, whatever else is on the class path, because
 * the {@code jdk.xml.*} limits below are properties of that implementation.
 */
public final class SafeXml {

    /** Entity expansions allowed in one document. */
    static final int ENTITY_EXPANSION_LIMIT = 64;
    /** Characters one general or parameter entity may expand to, and all entities together. */
    static final int ENTITY_SIZE_LIMIT = 4096;
    /** Element nesting allowed; repository metadata nests about six deep. */
    static final int ELEMENT_DEPTH_LIMIT = 64;
    /** Attributes allowed on one element. */
    static final int ATTRIBUTE_LIMIT = 64;

    private static final String DOCTYPE_NOT_ALLOWED = "DOCTYPE not allowed";

    private SafeXml() {
    }

    /** Returns a new StAX factory with DTDs and external entities off, coalescing and namespace aware. */
    public static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty("jdk.xml.entityExpansionLimit", String.valueOf(ENTITY_EXPANSION_LIMIT));
        factory.setProperty("jdk.xml.maxGeneralEntitySizeLimit", String.valueOf(ENTITY_SIZE_LIMIT));
        factory.setProperty("jdk.xml.maxParameterEntitySizeLimit", String.valueOf(ENTITY_SIZE_LIMIT));
        factory.setProperty("jdk.xml.totalEntitySizeLimit", String.valueOf(ENTITY_SIZE_LIMIT));
        factory.setProperty("jdk.xml.maxElementDepth", String.valueOf(ELEMENT_DEPTH_LIMIT));
        factory.setProperty("jdk.xml.elementAttributeLimit", String.valueOf(ATTRIBUTE_LIMIT));
        return factory;
    }

    /**
     * Returns a reader over {@code in} that fails with {@link DoctypeNotAllowedException} when it meets a DOCTYPE.
     * Each call builds its own factory, so readers may be opened from several threads.
     *
     * @param source the URL or path the bytes came from, named in errors
     */
    public static XMLStreamReader open(InputStream in, String source) throws FeedException {
        try {
            return new DoctypeRefusingReader(newFactory().createXMLStreamReader(in));
        } catch (XMLStreamException e) {
            throw failure(e, source);
        }
    }

    /**
     * Returns the feed failure an exception from a reader made by {@link #open} stands for: a DOCTYPE or a document
     * that is not well-formed is {@code MALFORMED}, a stream past its size limit {@code TOO_LARGE}, and a failure
     * underneath the parser is judged by {@link #readFailure}.
     */
    public static FeedException failure(XMLStreamException e, String source) {
        if (e instanceof DoctypeNotAllowedException) {
            return new FeedException(FeedException.Kind.MALFORMED, source, e.getMessage(), e);
        }
        IOException io = ioCause(e);
        if (io != null) {
            return readFailure(io, source);
        }
        return new FeedException(FeedException.Kind.MALFORMED, source,
                "not well-formed XML" + at(e.getLocation()) + ": " + parserMessage(e), e);
    }

    /**
     * Returns the feed failure an I/O error while reading a feed's bytes stands for: {@code TOO_LARGE} past the size
     * limit, {@code FETCH} when the connection failed or timed out, and {@code MALFORMED} otherwise, which in practice
     * means compressed data that is corrupt or ends early.
     */
    public static FeedException readFailure(IOException e, String source) {
        if (e instanceof SizeLimitExceededException) {
            return new FeedException(FeedException.Kind.TOO_LARGE, source, e.getMessage(), e);
        }
        if (e instanceof SocketException || e instanceof InterruptedIOException) {
            return new FeedException(FeedException.Kind.FETCH, source, "reading failed: " + e, e);
        }
        return new FeedException(FeedException.Kind.MALFORMED, source, "truncated or corrupt data: " + e, e);
    }

    private static IOException ioCause(XMLStreamException e) {
        // The JDK's reader wraps an IOException from the stream in an XMLStreamException, via nested or cause.
        Throwable t = e.getNestedException() != null ? e.getNestedException() : e.getCause();
        for (int i = 0; t != null && i < 8; i++, t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static String at(Location location) {
        if (location == null || location.getLineNumber() < 0) {
            return "";
        }
        return " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static String parserMessage(XMLStreamException e) {
        // The JDK prefixes "ParseError at [row,col]:[l,c]\nMessage: "; the location is reported separately.
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Message: ");
        return (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip();
    }

    /** Thrown by a reader from {@link SafeXml#open} when the document has a DOCTYPE. */
    public static final class DoctypeNotAllowedException extends XMLStreamException {

        private static final long serialVersionUID = 1L;

        DoctypeNotAllowedException(Location location) {
            super((location == null ? "" : at(location).strip() + ": ") + DOCTYPE_NOT_ALLOWED);
        }
    }

    /** Fails on the DTD event, which the JDK reports before any entity in the document is referenced. */
    private static final class DoctypeRefusingReader extends StreamReaderDelegate {

        DoctypeRefusingReader(XMLStreamReader reader) {
            super(reader);
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            if (event == XMLStreamConstants.DTD) {
                throw new DoctypeNotAllowedException(getLocation());
            }
            return event;
        }

        @Override
        public int nextTag() throws XMLStreamException {
            // Routed through next() so that the DOCTYPE check cannot be skipped.
            int event = next();
            while (event == XMLStreamConstants.SPACE || event == XMLStreamConstants.COMMENT
                    || event == XMLStreamConstants.PROCESSING_INSTRUCTION
                    || (event == XMLStreamConstants.CHARACTERS && isWhiteSpace())) {
                event = next();
            }
            if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
                throw new XMLStreamException("expected a start or end tag, found event " + event, getLocation());
            }
            return event;
        }
    }
}
