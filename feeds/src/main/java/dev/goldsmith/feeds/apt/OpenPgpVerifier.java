package dev.goldsmith.feeds.apt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.LimitedInputStream;
import dev.goldsmith.feeds.io.SizeLimitExceededException;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Verifies the OpenPGP signatures on APT repository metadata, a cleartext-signed InRelease or a Release with its
 * detached Release.gpg, against a fixed set of trusted keys (a keyring).
 *
 * <p>The rule is apt's: a file is trusted when <em>at least one</em> signature is good and <em>none</em> is bad.
 * <ul>
 * <li>good: made by a key in the keyring that may sign now (see below), with a strong digest, and it verifies;</li>
 * <li>bad: made by a key in the keyring but it does not verify over the data, so the data or the signature was
 * altered. One bad signature rejects the file even when others are good, as apt does;</li>
 * <li>ignored: made by a key not in the keyring (archives sign with several keys so that older and newer
 * keyrings both work), or by a keyring key that is expired, revoked, unbound or too weak, or with a weak digest
 * (MD5, SHA-1, RIPEMD-160), or an expired signature. Ignored signatures are listed in the result; when no good
 * signature is present they are the reasons given for the failure.</li>
 * </ul>
 * A key may sign now when its certificate has a valid self-signature and is neither revoked nor expired at the
 * clock's instant and, for a subkey, it is bound by a valid binding signature with a back-signature and flagged for
 * signing (see {@link KeyValidity}). Expiry is judged against now, not against the signature's date, like gpgv.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class OpenPgpVerifier {

    /** The largest signed file read from a stream; InRelease files are well under a megabyte. */
    public static final long MAX_SIGNED_FILE_BYTES = 32L << 20;
    private static final long MAX_KEYRING_BYTES = 16L << 20;
    private static final long MAX_SIGNATURE_BYTES = 1L << 20;
    private static final int BUFFER = 64 * 1024;

    private static final PGPContentVerifierBuilderProvider VERIFIERS = new BcPGPContentVerifierBuilderProvider();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String BEGIN_KEY = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private static final String END_KEY = "-----END PGP PUBLIC KEY BLOCK-----";

    private record KeyEntry(PGPPublicKeyRing ring, PGPPublicKey key, String fingerprint) {
    }

    private final List<PGPPublicKeyRing> rings;
    private final Map<Long, List<KeyEntry>> byKeyId;
    private final Map<String, KeyEntry> byFingerprint;
    private final Set<String> allowedFingerprints;
    private final Clock clock;
    private final String keyringName;

    private OpenPgpVerifier(List<PGPPublicKeyRing> rings, Set<String> allowedFingerprints, Clock clock,
            String keyringName) {
        this.rings = mergeDuplicates(rings);
        this.allowedFingerprints = allowedFingerprints;
        this.clock = clock;
        this.keyringName = keyringName;
        Map<Long, List<KeyEntry>> index = new HashMap<>();
        Map<String, KeyEntry> fingerprints = new HashMap<>();
        for (PGPPublicKeyRing ring : this.rings) {
            for (PGPPublicKey key : ring) {
                KeyEntry entry = new KeyEntry(ring, key, fingerprint(key));
                if (fingerprints.putIfAbsent(entry.fingerprint(), entry) == null) {
                    index.computeIfAbsent(key.getKeyID(), k -> new ArrayList<>()).add(entry);
                }
            }
        }
        this.byKeyId = index;
        this.byFingerprint = fingerprints;
    }

    /**
     * Returns the rings with any certificate that appears in several of them (the same key in two keyring files,
     * say) merged into one, so that all its signatures, such as a later expiry extension, are taken into account.
     */
    private static List<PGPPublicKeyRing> mergeDuplicates(List<PGPPublicKeyRing> rings) {
        Map<String, PGPPublicKeyRing> merged = new LinkedHashMap<>();
        for (PGPPublicKeyRing ring : rings) {
            merged.merge(fingerprint(ring.getPublicKey()), ring, (a, b) -> {
                try {
                    return PGPPublicKeyRing.join(a, b);
                } catch (PGPException | RuntimeException e) {
                    return a;
                }
            });
        }
        return List.copyOf(merged.values());
    }

    /**
     * Returns a verifier trusting the keys in {@code keyrings}: binary keyrings ({@code .gpg}, as
     * {@code gpg --export} writes them) or ASCII-armored ones ({@code .asc}, one or more key blocks), told apart by
     * their content.
     *
     * @throws IOException when a file cannot be read, is not a keyring, or holds no public key
     */
    public static OpenPgpVerifier load(Path... keyrings) throws IOException {
        return load(List.of(keyrings));
    }

    /** Returns a verifier trusting the keys in all of {@code keyrings}; see {@link #load(Path...)}. */
    public static OpenPgpVerifier load(List<Path> keyrings) throws IOException {
        if (keyrings.isEmpty()) {
            throw new IllegalArgumentException("at least one keyring is needed");
        }
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path p : keyrings) {
            byte[] bytes;
            try (InputStream in = new LimitedInputStream(Files.newInputStream(p), MAX_KEYRING_BYTES, p.toString())) {
                bytes = in.readAllBytes();
            }
            rings.addAll(readKeyrings(bytes, p.toString()));
            names.add(p.toString());
        }
        return new OpenPgpVerifier(rings, null, Clock.systemUTC(), String.join(", ", names));
    }

    /**
     * Returns a verifier trusting the keys in {@code keyring}, binary or armored, such as an inline
     * {@code Signed-By} key block from a {@code .sources} file.
     *
     * @param name names the keyring in error messages
     */
    public static OpenPgpVerifier fromBytes(byte[] keyring, String name) throws IOException {
        return new OpenPgpVerifier(readKeyrings(keyring, name), null, Clock.systemUTC(), name);
    }

    /** Returns a verifier like this one that judges key expiry and revocation at {@code clock}'s instant. */
    public OpenPgpVerifier withClock(Clock clock) {
        return new OpenPgpVerifier(rings, allowedFingerprints, Objects.requireNonNull(clock, "clock"), keyringName);
    }

    /**
     * Returns a verifier like this one that accepts signatures only from the given keys, as apt does for
     * fingerprints in {@code Signed-By}: a primary key's fingerprint allows it and its subkeys, a subkey's only
     * that subkey. A trailing {@code !} is accepted and ignored.
     *
     * @throws IllegalArgumentException when no key in the keyring has any of the fingerprints
     */
    public OpenPgpVerifier restrictedTo(Collection<String> fingerprints) {
        Set<String> wanted = new HashSet<>();
        for (String f : fingerprints) {
            wanted.add(normaliseFingerprint(f));
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (PGPPublicKeyRing ring : rings) {
            boolean wholeRing = wanted.contains(fingerprint(ring.getPublicKey()));
            for (PGPPublicKey key : ring) {
                String fpr = fingerprint(key);
                if (wholeRing || wanted.contains(fpr)) {
                    allowed.add(fpr);
                }
            }
        }
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("none of the fingerprints " + fingerprints + " is in " + keyringName);
        }
        if (allowedFingerprints != null) {
            allowed.retainAll(allowedFingerprints);
        }
        return new OpenPgpVerifier(rings, Set.copyOf(allowed), clock, keyringName);
    }

    /** Returns the fingerprints of the primary keys this verifier trusts. */
    public List<String> primaryFingerprints() {
        List<String> fprs = new ArrayList<>();
        for (PGPPublicKeyRing ring : rings) {
            if (allowedFingerprints == null || anyAllowed(ring)) {
                fprs.add(fingerprint(ring.getPublicKey()));
            }
        }
        return fprs;
    }

    private boolean anyAllowed(PGPPublicKeyRing ring) {
        for (PGPPublicKey key : ring) {
            if (allowedFingerprints.contains(fingerprint(key))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Verifies a cleartext-signed file such as InRelease read from {@code in} (at most
     * {@link #MAX_SIGNED_FILE_BYTES}) and returns its signed text.
     *
     * @param source names the file in failures, such as {@code http://example.org/debian/dists/x/InRelease}
     * @throws FeedException SIGNATURE when the file is not signed, not trusted or altered; TOO_LARGE past the limit
     * @throws IOException   when reading {@code in} fails
     */
    public VerifiedText verifyCleartext(InputStream in, String source) throws FeedException, IOException {
        return verifyCleartext(readLimited(in, MAX_SIGNED_FILE_BYTES, source), source);
    }

    /**
     * Verifies a cleartext-signed file such as InRelease and returns its signed text. The text is canonicalised as
     * RFC 4880 section 7.1 requires before hashing: dash-escaping undone, trailing spaces and tabs removed, lines
     * joined by CR LF, no line end after the last line.
     *
     * @param source names the file in failures, such as {@code http://example.org/debian/dists/x/InRelease}
     * @throws FeedException SIGNATURE when the file is not signed, not trusted or altered
     */
    public VerifiedText verifyCleartext(byte[] file, String source) throws FeedException {
        ClearsignedMessage message = ClearsignedMessage.parse(file, source);
        List<Check> checks = new ArrayList<>();
        for (PGPSignature s : readSignatures(message.signatureBlock, source)) {
            Check c = prepare(s, message.announcedHashes);
            if (c.early() == null) {
                s.update(message.canonical);
            }
            checks.add(c);
        }
        return new VerifiedText(message.text, decide(checks, source));
    }

    /**
     * Verifies a detached signature ({@code Release.gpg}, armored or binary) over {@code data}.
     *
     * @param source names the signed file in failures, such as {@code http://example.org/debian/dists/x/Release}
     */
    public VerifiedSignatures verifyDetached(byte[] data, byte[] signature, String source) throws FeedException {
        try {
            return verifyDetached(new ByteArrayInputStream(data), signature, source);
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e);
        }
    }

    /**
     * Verifies a detached signature ({@code Release.gpg}, armored or binary) over the bytes of {@code data}, read
     * to its end in a stream. Binary signatures cover the bytes as they are; text signatures cover them with every
     * line end made CR LF.
     *
     * @param source names the signed file in failures, such as {@code http://example.org/debian/dists/x/Release}
     * @throws IOException when reading {@code data} fails
     */
    public VerifiedSignatures verifyDetached(InputStream data, byte[] signature, String source)
            throws FeedException, IOException {
        List<Check> checks = new ArrayList<>();
        List<PGPSignature> binary = new ArrayList<>();
        List<PGPSignature> text = new ArrayList<>();
        for (PGPSignature s : readSignatures(signature, source + ".gpg")) {
            Check c = prepare(s, Set.of());
            if (c.early() == null) {
                (s.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT ? text : binary).add(s);
            }
            checks.add(c);
        }
        byte[] buffer = new byte[BUFFER];
        byte[] crlf = new byte[2 * BUFFER];
        boolean lastWasCr = false;
        for (int n = data.read(buffer); n >= 0; n = data.read(buffer)) {
            for (PGPSignature s : binary) {
                s.update(buffer, 0, n);
            }
            if (!text.isEmpty()) {
                int m = 0;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n' && !lastWasCr) {
                        crlf[m++] = '\r';
                    }
                    crlf[m++] = b;
                    lastWasCr = b == '\r';
                }
                for (PGPSignature s : text) {
                    s.update(crlf, 0, m);
                }
            }
        }
        return decide(checks, source);
    }

    /** What became of one signature. */
    private enum Outcome { GOOD, BAD, IGNORED }

    private record Verdict(Outcome outcome, String reason, Signer signer) {
        static Verdict ignored(String reason) {
            return new Verdict(Outcome.IGNORED, reason, null);
        }
    }

    /**
     * One signature on its way through a check: either already decided before hashing ({@code early} set), or
     * initialised for verification with its issuer's key.
     */
    private record Check(PGPSignature signature, KeyEntry issuer, Verdict early) {
    }

    /**
     * Decides what can be decided before hashing: a signature that will not count gets its verdict; any other is
     * initialised for verification with its issuer's key.
     */
    private Check prepare(PGPSignature s, Set<Integer> announcedHashes) {
        KeyEntry issuer;
        try {
            issuer = findIssuer(s);
        } catch (IllegalStateException e) {
            return new Check(s, null, Verdict.ignored(e.getMessage()));
        }
        Verdict early = screen(s, issuer, announcedHashes);
        if (early == null) {
            try {
                s.init(VERIFIERS, issuer.key());
            } catch (PGPException | RuntimeException e) {
                early = Verdict.ignored("signature by key " + keyId(issuer.key()) + " cannot be checked: "
                        + e.getMessage());
            }
        }
        return new Check(s, issuer, early);
    }

    /** Returns the verdict for a signature that cannot count whatever its hash, or null. */
    private Verdict screen(PGPSignature s, KeyEntry issuer, Set<Integer> announcedHashes) {
        int type = s.getSignatureType();
        if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            return Verdict.ignored("signature of type 0x" + Integer.toHexString(type) + " by key " + issuerId(s)
                    + " is not a document signature");
        }
        if (issuer == null) {
            return Verdict.ignored("unknown key " + issuerId(s) + " (not in " + keyringName + ")");
        }
        if (allowedFingerprints != null && !allowedFingerprints.contains(issuer.fingerprint())) {
            return Verdict.ignored("key " + keyId(issuer.key()) + " is in the keyring but not among the allowed"
                    + " fingerprints");
        }
        int hash = s.getHashAlgorithm();
        if (hash == HashAlgorithmTags.MD5 || hash == HashAlgorithmTags.SHA1 || hash == HashAlgorithmTags.RIPEMD160) {
            return Verdict.ignored("signature by key " + keyId(issuer.key()) + " uses the weak digest "
                    + hashName(hash));
        }
        if (!announcedHashes.isEmpty() && !announcedHashes.contains(hash)) {
            return Verdict.ignored("signature by key " + keyId(issuer.key()) + " uses digest " + hashName(hash)
                    + ", which the Hash armor header does not announce");
        }
        return null;
    }

    /** Applies apt's rule to the signatures, all of which have been fed the data. */
    private VerifiedSignatures decide(List<Check> checks, String source) throws FeedException {
        Instant now = clock.instant();
        List<Signer> good = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Check c : checks) {
            Verdict v = c.early() != null ? c.early() : finish(c.signature(), c.issuer(), now);
            switch (v.outcome()) {
                case GOOD -> good.add(v.signer());
                case BAD -> bad.add(v.reason());
                default -> ignored.add(v.reason());
            }
        }
        if (!bad.isEmpty()) {
            List<String> all = new ArrayList<>(bad);
            all.addAll(ignored);
            throw new FeedException(FeedException.Kind.SIGNATURE, source, String.join("; ", all));
        }
        if (good.isEmpty()) {
            throw new FeedException(FeedException.Kind.SIGNATURE, source,
                    "no good signature by a trusted key: " + String.join("; ", ignored));
        }
        return new VerifiedSignatures(good, ignored);
    }

    /** Checks the hash and then whether the key and signature may be believed now. */
    private Verdict finish(PGPSignature s, KeyEntry issuer, Instant now) {
        String id = keyId(issuer.key());
        KeyValidity.Assessment key = KeyValidity.assess(issuer.ring(), issuer.key(), now);
        String who = key.userId().isEmpty() ? "key " + id : "key " + id + " (" + key.userId() + ")";
        boolean verified;
        try {
            verified = s.verify();
        } catch (PGPException | RuntimeException e) {
            verified = false;
        }
        if (!verified) {
            return new Verdict(Outcome.BAD, "bad signature by " + who, null);
        }
        Instant created = s.getCreationTime().toInstant();
        if (created.isBefore(issuer.key().getCreationTime().toInstant())) {
            return Verdict.ignored("signature by " + who + " claims to predate its key");
        }
        long expires = s.getHashedSubPackets() == null ? 0 : s.getHashedSubPackets().getSignatureExpirationTime();
        if (expires > 0 && !now.isBefore(created.plusSeconds(expires))) {
            return Verdict.ignored("signature by " + who + " expired on " + created.plusSeconds(expires));
        }
        if (!key.usable()) {
            return Verdict.ignored("signature by " + who + " does not count: " + key.problem());
        }
        PGPPublicKey primary = issuer.ring().getPublicKey();
        return new Verdict(Outcome.GOOD, null,
                new Signer(id, issuer.fingerprint(), fingerprint(primary), key.userId(), created));
    }

    /**
     * Returns the keyring key that made {@code s}, or null when none did. The issuer fingerprint subpacket is
     * preferred; a bare 64-bit key id that matches several keys is refused rather than guessed.
     */
    private KeyEntry findIssuer(PGPSignature s) {
        for (KeyIdentifier id : s.getKeyIdentifiers()) {
            if (id.getFingerprint() != null) {
                return byFingerprint.get(HEX.formatHex(id.getFingerprint()));
            }
        }
        List<KeyEntry> candidates = byKeyId.getOrDefault(s.getKeyID(), List.of());
        if (candidates.size() > 1) {
            throw new IllegalStateException("signature names key id " + issuerId(s)
                    + ", which several keys in " + keyringName + " share, and no fingerprint");
        }
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    private static String issuerId(PGPSignature s) {
        for (KeyIdentifier id : s.getKeyIdentifiers()) {
            if (id.getFingerprint() != null) {
                return HEX.formatHex(id.getFingerprint());
            }
        }
        return String.format(Locale.ROOT, "%016X", s.getKeyID());
    }

    static String keyId(PGPPublicKey key) {
        return String.format(Locale.ROOT, "%016X", key.getKeyID());
    }

    static String fingerprint(PGPPublicKey key) {
        return HEX.formatHex(key.getFingerprint());
    }

    private static String normaliseFingerprint(String f) {
        String s = f.trim();
        if (s.endsWith("!")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    private static String hashName(int hash) {
        return switch (hash) {
            case HashAlgorithmTags.MD5 -> "MD5";
            case HashAlgorithmTags.SHA1 -> "SHA1";
            case HashAlgorithmTags.RIPEMD160 -> "RIPEMD160";
            case HashAlgorithmTags.SHA224 -> "SHA224";
            case HashAlgorithmTags.SHA256 -> "SHA256";
            case HashAlgorithmTags.SHA384 -> "SHA384";
            case HashAlgorithmTags.SHA512 -> "SHA512";
            default -> "hash algorithm " + hash;
        };
    }

    private static List<PGPSignature> readSignatures(byte[] block, String source) throws FeedException {
        if (block.length > MAX_SIGNATURE_BYTES) {
            throw new FeedException(FeedException.Kind.SIGNATURE, source, "signature block is larger than "
                    + MAX_SIGNATURE_BYTES + " bytes");
        }
        List<PGPSignature> signatures = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(block))) {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
            for (Object o = factory.nextObject(); o != null; o = factory.nextObject()) {
                if (o instanceof PGPSignatureList list) {
                    for (PGPSignature s : list) {
                        signatures.add(s);
                    }
                } else if (!(o instanceof PGPMarker)) {
                    throw new FeedException(FeedException.Kind.SIGNATURE, source,
                            "signature block holds a " + o.getClass().getSimpleName() + ", not only signatures");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new FeedException(FeedException.Kind.SIGNATURE, source,
                    "signature block cannot be read: " + e.getMessage(), e);
        }
        if (signatures.isEmpty()) {
            throw new FeedException(FeedException.Kind.SIGNATURE, source, "no signature: the signature block is empty");
        }
        return signatures;
    }

    private static byte[] readLimited(InputStream in, long limit, String source) throws FeedException, IOException {
        try {
            return new LimitedInputStream(in, limit, source).readAllBytes();
        } catch (SizeLimitExceededException e) {
            throw new FeedException(FeedException.Kind.TOO_LARGE, source, e.getMessage(), e);
        }
    }

    /** Returns the public key rings in a binary or armored keyring. */
    static List<PGPPublicKeyRing> readKeyrings(byte[] bytes, String name) throws IOException {
        if (isKeybox(bytes)) {
            throw new IOException(name + ": is a GnuPG keybox, not a keyring; export the keys with gpg --export");
        }
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        // Every binary OpenPGP packet starts with a byte whose top bit is set; armor is text, possibly after
        // lines of commentary.
        if (bytes.length > 0 && (bytes[0] & 0x80) == 0) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int from = 0;
            for (int begin = text.indexOf(BEGIN_KEY); begin >= 0; begin = text.indexOf(BEGIN_KEY, from)) {
                int end = text.indexOf(END_KEY, begin);
                if (end < 0) {
                    throw new IOException(name + ": key block has no '" + END_KEY + "' line");
                }
                from = end + END_KEY.length();
                byte[] block = text.substring(begin, from).getBytes(StandardCharsets.ISO_8859_1);
                try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(block))) {
                    rings.addAll(readBinaryKeyrings(in, name));
                }
            }
        } else if (bytes.length > 0) {
            rings.addAll(readBinaryKeyrings(new ByteArrayInputStream(bytes), name));
        }
        if (rings.isEmpty()) {
            throw new IOException(name + ": holds no OpenPGP public key");
        }
        return rings;
    }

    private static List<PGPPublicKeyRing> readBinaryKeyrings(InputStream in, String name) throws IOException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
        try {
            for (Object o = factory.nextObject(); o != null; o = factory.nextObject()) {
                if (o instanceof PGPPublicKeyRing ring) {
                    rings.add(ring);
                } else if (o instanceof PGPSecretKeyRing) {
                    throw new IOException(name + ": holds a secret key; a keyring should hold public keys only");
                } else if (!(o instanceof PGPMarker)) {
                    throw new IOException(name + ": holds a " + o.getClass().getSimpleName()
                            + " where public keys were expected");
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(name + ": is not an OpenPGP keyring: " + e.getMessage(), e);
        }
        return rings;
    }

    private static boolean isKeybox(byte[] bytes) {
        return bytes.length >= 12 && bytes[8] == 'K' && bytes[9] == 'B' && bytes[10] == 'X' && bytes[11] == 'f';
    }
}
