package dev.goldsmith.catalog.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Derives event ids from the facts an event states, so that the same fact observed twice (by two instances,
 * or again after a restart) gets the same id and an idempotent consumer can drop the repeat.
 *
 * <p>An id is a name-based UUID, version 5 (SHA-1), in the namespace {@link #NAMESPACE}. The name is the
 * versioned CloudEvents type followed by the identifying fields, each written as {@code |<n>:<value>} where
 * {@code n} is the value's length in UTF-8 bytes, or as {@code |-} for null; the length prefix keeps two
 * different field lists from running together into the same name. Any language's UUIDv5 function gives the
 * same id from that name.
 *
 * <table>
 *   <caption>The identifying fields per event</caption>
 *   <tr><th>event</th><th>fields</th></tr>
 *   <tr><td>package.*</td><td>repository id, distribution, name, version, architecture</td></tr>
 *   <tr><td>advisory.*</td><td>source feed, advisory id, modified (as {@link java.time.Instant#toString()})</td>
 *   </tr>
 *   <tr><td>rebuild.requested</td><td>image, then each distinct {@code package=availableVersion}, sorted</td></tr>
 *   <tr><td>build.*</td><td>image, version</td></tr>
 *   <tr><td>qa.*</td><td>image, version, suite</td></tr>
 *   <tr><td>image.*</td><td>image, version, to-state</td></tr>
 *   <tr><td>dead-letter</td><td>original topic, original key, original event id or else the SHA-256 of the
 *   payload</td></tr>
 * </table>
 *
 * <p>Fields that describe an occurrence rather than identify it (sizes, reasons, durations, timestamps other
 * than an advisory's revision) are left out on purpose: a repeat may differ in them and is still a repeat.
 * A rebuild request is identified by what it would install, not by why or when it was asked for, so a
 * second request for the same package versions is dropped even if it adds an advisory. Changing any of these
 * rules changes the ids of facts already seen, which consumers would then process again.
 */
public final class EventIds {

    /** The namespace of every Goldsmith event id. Never change it: stored ids would stop matching. */
    public static final UUID NAMESPACE = UUID.fromString("7ebd31f1-8521-4c1f-ac16-882edbac5e94");

    private EventIds() {
    }

    /**
     * Returns the id of an event of {@code type} carrying {@code data}.
     *
     * @throws IllegalArgumentException if {@code data} is not what {@code type} carries
     */
    public static String of(EventType type, EventData data) {
        Require.present(type, "type");
        type.requireFits(data);
        return nameBased(type, identity(type, data)).toString();
    }

    private static List<String> identity(EventType type, EventData data) {
        return switch (type) {
            case PACKAGE_PUBLISHED, PACKAGE_WITHDRAWN -> {
                PackageData p = (PackageData) data;
                yield List.of(p.repositoryId(), p.distribution(), p.name(), p.version(), p.architecture());
            }
            case ADVISORY_PUBLISHED, ADVISORY_UPDATED -> {
                AdvisoryData a = (AdvisoryData) data;
                yield List.of(a.sourceFeed(), a.advisoryId(), a.modified().toString());
            }
            case REBUILD_REQUESTED -> {
                RebuildRequest r = (RebuildRequest) data;
                TreeSet<String> targets = new TreeSet<>();
                r.reasons().forEach(reason -> targets.add(reason.packageName() + "=" + reason.availableVersion()));
                List<String> parts = new ArrayList<>();
                parts.add(r.image());
                parts.addAll(targets);
                yield parts;
            }
            case BUILD_SUCCEEDED -> {
                BuildSucceeded b = (BuildSucceeded) data;
                yield List.of(b.image(), b.version());
            }
            case BUILD_FAILED -> {
                BuildFailed b = (BuildFailed) data;
                yield List.of(b.image(), b.version());
            }
            case QA_PASSED, QA_FAILED -> {
                QaResult q = (QaResult) data;
                yield List.of(q.image(), q.version(), q.suite());
            }
            case IMAGE_PROMOTED, IMAGE_DEPRECATED, IMAGE_REVOKED, IMAGE_RETIRED -> {
                ImageTransition t = (ImageTransition) data;
                yield List.of(t.image(), t.version(), t.to().name());
            }
            case DEAD_LETTER -> {
                DeadLetter d = (DeadLetter) data;
                String original = d.originalEventId() != null ? d.originalEventId() : sha256Hex(d.payload());
                // List.of refuses nulls, and a dead letter's key may be null.
                yield Arrays.asList(d.originalTopic(), d.originalKey(), original);
            }
        };
    }

    /** Returns the version 5 UUID of the type and fields, as the class comment defines the name. */
    static UUID nameBased(EventType type, List<String> parts) {
        StringBuilder name = new StringBuilder(type.cloudEventType());
        for (String part : parts) {
            if (part == null) {
                name.append("|-");
            } else {
                name.append('|').append(part.getBytes(StandardCharsets.UTF_8).length).append(':').append(part);
            }
        }
        return uuidV5(NAMESPACE, name.toString());
    }

    private static UUID uuidV5(UUID namespace, String name) {
        MessageDigest sha1 = digest("SHA-1");
        sha1.update(toBytes(namespace));
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (hash[i] & 0xff);
            least = (least << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long most = uuid.getMostSignificantBits();
        long least = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (most >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (least >>> (56 - 8 * i));
        }
        return bytes;
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1 and SHA-256.
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
