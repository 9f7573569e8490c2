package dev.goldsmith.feeds.advisory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.advisory.csaf.CsafParser;
import dev.goldsmith.feeds.advisory.osv.OsvParser;
import dev.goldsmith.feeds.io.Compression;
import dev.goldsmith.feeds.io.SizeLimitExceededException;

/**
 * Reads the advisories of one feed from a path: a single document, a directory of them (recursively), or a zip
 * archive such as an OSV ecosystem's {@code all.zip}. Each document's format is recognised by its content (see
 * {@link AdvisoryFormat#of}) and it may be compressed with any {@link Compression}, such as a Red Hat
 * {@code .json.xz}.
 *
 * <p>A read is all or nothing: one document that cannot be believed fails the whole read with a
 * {@link FeedException} naming that document ({@code archive.zip!/ALSA-2024:3163.json}), because a partial set
 * of advisories would look as if the missing ones had been withdrawn. Directories and archives are read in name
 * order, entry by entry, so memory holds one document at a time. Only files named {@code *.json}, optionally with
 * a compression suffix, are read, and hidden directories such as {@code .git} are skipped.
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class AdvisoryReader {

    /** The default limit of one document's decompressed size; Red Hat's largest kernel VEX files are far below. */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 128L << 20;

    private static final Pattern DOCUMENT_NAME = Pattern.compile("[^/]*\\.json(\\.(gz|xz|zst|zstd|bz2))?",
            Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String sourceFeed;
    private final Set<AdvisoryFormat> formats;
    private final long maxDocumentBytes;
    private final OsvParser osv;
    private final CsafParser csaf;
    private final Cancellation cancellation;

    /** Creates a reader for {@code sourceFeed} that reads both formats with the default size limit. */
    public AdvisoryReader(String sourceFeed) {
        this(sourceFeed, EnumSet.allOf(AdvisoryFormat.class), DEFAULT_MAX_DOCUMENT_BYTES);
    }

    /**
     * Creates a reader for {@code sourceFeed}.
     *
     * @param formats          the formats the feed publishes; a document of another one fails as UNSUPPORTED
     * @param maxDocumentBytes the largest decompressed document to read; a larger one fails as TOO_LARGE
     */
    public AdvisoryReader(String sourceFeed, Set<AdvisoryFormat> formats, long maxDocumentBytes) {
        this(sourceFeed, formats, maxDocumentBytes, Cancellation.never());
    }

    /**
     * Creates a reader like {@link #AdvisoryReader(String, Set, long)} that gives up between two documents as
     * {@link FeedException.Kind#CANCELLED} once {@code cancellation} is cancelled.
     */
    public AdvisoryReader(String sourceFeed, Set<AdvisoryFormat> formats, long maxDocumentBytes,
            Cancellation cancellation) {
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.osv = new OsvParser(sourceFeed);
        this.csaf = new CsafParser(sourceFeed);
        this.sourceFeed = sourceFeed;
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("a feed reads at least one format");
        }
        this.formats = Collections.unmodifiableSet(EnumSet.copyOf(formats));
        if (maxDocumentBytes <= 0) {
            throw new IllegalArgumentException("maxDocumentBytes must be positive, was " + maxDocumentBytes);
        }
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /**
     * Returns the advisories at {@code path}, a document, a directory or a zip archive, and what was left out.
     *
     * @throws FeedException naming the document that cannot be believed: MALFORMED, UNSUPPORTED or TOO_LARGE as
     *                       the parsers say; FETCH when the path cannot be read at all
     */
    public AdvisoryBatch read(Path path) throws FeedException {
        Batch batch = new Batch();
        if (Files.isDirectory(path)) {
            for (Path file : documentsIn(path)) {
                cancellation.throwIfCancelled(file.toString());
                batch.add(readFile(file), file.toString());
            }
        } else if (isZip(path)) {
            readZip(path, batch);
        } else {
            batch.add(readFile(path), path.toString());
        }
        return batch.toBatch();
    }

    /** Returns the advisories at {@code path}, like {@link #read} without what was left out. */
    public List<AdvisoryData> readAdvisories(Path path) throws FeedException {
        return read(path).advisories();
    }

    /**
     * Returns what one document says, read from {@code in}, which may be compressed, and named {@code source} in
     * errors; for a document fetched rather than stored. The caller closes {@code in}.
     */
    public DocumentResult readDocument(InputStream in, String source) throws FeedException {
        JsonNode root = parse(in, source);
        AdvisoryFormat format = AdvisoryFormat.of(root).orElseThrow(() -> new FeedException(
                FeedException.Kind.MALFORMED, source, "is neither a CSAF document (no document.csaf_version) nor"
                + " an OSV record (no schema_version, nor id with modified or affected) (feed " + sourceFeed + ")"));
        if (!formats.contains(format)) {
            throw new FeedException(FeedException.Kind.UNSUPPORTED, source, "is " + format + ", but feed "
                    + sourceFeed + " reads only " + formats);
        }
        return format == AdvisoryFormat.OSV ? osv.parse(root, source) : csaf.parse(root, source);
    }

    private DocumentResult readFile(Path file) throws FeedException {
        try (InputStream in = Files.newInputStream(file)) {
            return readDocument(in, file.toString());
        } catch (IOException e) {
            throw new FeedException(FeedException.Kind.FETCH, file.toString(), "cannot be read: " + e, e);
        }
    }

    private JsonNode parse(InputStream in, String source) throws FeedException {
        try (InputStream content = Compression.detectAndDecompress(in, maxDocumentBytes, source)) {
            JsonNode root = MAPPER.readTree(content);
            if (root == null || root.isMissingNode()) {
                throw new FeedException(FeedException.Kind.MALFORMED, source, "is empty (feed " + sourceFeed + ")");
            }
            return root;
        } catch (SizeLimitExceededException e) {
            throw new FeedException(FeedException.Kind.TOO_LARGE, source, "is larger than " + e.limit()
                    + " bytes decompressed (feed " + sourceFeed + ")", e);
        } catch (JsonProcessingException e) {
            throw new FeedException(FeedException.Kind.MALFORMED, source, "is not valid JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + " (feed " + sourceFeed
                    + ")", e);
        } catch (IOException e) {
            throw new FeedException(FeedException.Kind.MALFORMED, source, "cannot be decoded: " + e
                    + " (feed " + sourceFeed + ")", e);
        }
    }

    private void readZip(Path path, Batch batch) throws FeedException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            // ZipFile reads the central directory at the end of the archive, so a truncated download fails here
            // instead of ending early at an entry boundary as a stream of local headers could.
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !isDocumentName(entry.getName())) {
                    continue;
                }
                String source = path + "!/" + entry.getName();
                cancellation.throwIfCancelled(source);
                try (InputStream in = zip.getInputStream(entry)) {
                    batch.add(readDocument(in, source), source);
                }
            }
        } catch (ZipException e) {
            throw new FeedException(FeedException.Kind.MALFORMED, path.toString(), "is not a readable zip archive: "
                    + e.getMessage() + " (feed " + sourceFeed + ")", e);
        } catch (IOException e) {
            throw new FeedException(FeedException.Kind.FETCH, path.toString(), "cannot be read: " + e, e);
        }
    }

    private static boolean isDocumentName(String entryName) {
        for (String part : entryName.split("/")) {
            if (part.startsWith(".")) {
                return false;
            }
        }
        return DOCUMENT_NAME.matcher(entryName.substring(entryName.lastIndexOf('/') + 1)).matches();
    }

    private static boolean isZip(Path path) throws FeedException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new FeedException(FeedException.Kind.FETCH, path.toString(), "cannot be read: " + e, e);
        }
        // A local file header, or the end record of an empty archive.
        return n == 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4 || head[2] == 5
                && head[3] == 6);
    }

    private static List<Path> documentsIn(Path directory) throws FeedException {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean hidden = !dir.equals(directory) && dir.getFileName().toString().startsWith(".");
                    return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && isDocumentName(file.getFileName().toString())) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new FeedException(FeedException.Kind.FETCH, directory.toString(), "cannot be listed: " + e, e);
        }
        Collections.sort(files);
        return files;
    }

    /** The advisories of one read by id, the later revision kept when two documents share an id. */
    private static final class Batch {
        private final Map<String, AdvisoryData> byId = new LinkedHashMap<>();
        private final Map<String, String> sourceOf = new HashMap<>();
        private final List<Omission> omissions = new ArrayList<>();

        void add(DocumentResult result, String source) {
            omissions.addAll(result.omissions());
            AdvisoryData advisory = result.advisory();
            if (advisory == null) {
                return;
            }
            String id = advisory.advisoryId();
            AdvisoryData earlier = byId.get(id);
            if (earlier == null) {
                byId.put(id, advisory);
                sourceOf.put(id, source);
            } else if (advisory.modified().isAfter(earlier.modified())) {
                omissions.add(new Omission(sourceOf.get(id), id, Omission.Reason.DUPLICATE, 1, "kept " + source));
                byId.put(id, advisory);
                sourceOf.put(id, source);
            } else {
                omissions.add(new Omission(source, id, Omission.Reason.DUPLICATE, 1, "kept " + sourceOf.get(id)));
            }
        }

        AdvisoryBatch toBatch() {
            return new AdvisoryBatch(new ArrayList<>(byId.values()), omissions);
        }
    }
}
