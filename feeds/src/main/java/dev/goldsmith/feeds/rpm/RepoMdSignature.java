package dev.goldsmith.feeds.rpm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.goldsmith.feeds.FeedException;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks {@code repodata/repomd.xml.asc}, the detached OpenPGP signature some RPM repositories publish next to their
 * index, against the keys an operator configured as trusted for that repository.
 *
 * <p>The check passes when at least one signature in the file was made by a trusted key (or one of its subkeys) and
 * matches the exact bytes of repomd.xml. Signatures by other keys are passed over. A signature made with MD5, SHA-1
 * or RIPEMD-160 does not count, because those digests allow forged detached signatures; nor does one made by a
 * revoked key, before its key existed, or after its key expired.
 */
public final class RepoMdSignature {

    private static final Set<Integer> WEAK_HASHES = Set.of(
            HashAlgorithmTags.MD5, HashAlgorithmTags.SHA1, HashAlgorithmTags.RIPEMD160);

    private final List<PGPPublicKey> trusted;

    private RepoMdSignature(List<PGPPublicKey> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /**
     * Returns a verifier trusting every key in {@code keyFile}, an ASCII-armored or binary OpenPGP public key file
     * such as the one a repository's {@code gpgkey=} points at.
     *
     * @throws IllegalArgumentException naming the file when it holds no OpenPGP public key
     */
    public static RepoMdSignature trusting(Path keyFile) throws IOException {
        try (InputStream in = Files.newInputStream(keyFile)) {
            return trusting(in, keyFile.toString());
        }
    }

    /**
     * Returns a verifier trusting every key in {@code keys}; {@code keySource} names them in errors.
     *
     * @throws IllegalArgumentException naming {@code keySource} when it holds no OpenPGP public key
     */
    public static RepoMdSignature trusting(InputStream keys, String keySource) throws IOException {
        PGPPublicKeyRingCollection rings;
        try {
            rings = new PGPPublicKeyRingCollection(PGPUtil.getDecoderStream(keys), new BcKeyFingerprintCalculator());
        } catch (PGPException | IOException | RuntimeException e) {
            throw new IllegalArgumentException(keySource + ": not an OpenPGP public key file: " + e.getMessage(), e);
        }
        List<PGPPublicKey> trusted = new ArrayList<>();
        for (PGPPublicKeyRing ring : rings) {
            ring.getPublicKeys().forEachRemaining(trusted::add);
        }
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException(keySource + ": holds no OpenPGP public key");
        }
        return new RepoMdSignature(trusted);
    }

    /**
     * Checks that {@code signature} holds a good signature over {@code repomd} by a trusted key, and returns that
     * key's fingerprint in uppercase hex.
     *
     * @param repomd    the exact bytes of repomd.xml as fetched
     * @param signature the bytes of repomd.xml.asc (armored or binary), or null when the repository served none
     * @param source    the URL or path of repomd.xml.asc, named in errors
     * @throws FeedException of kind {@code SIGNATURE} when the signature is missing, unreadable, made by a key that
     *                       is not trusted, or does not match
     */
    public String verify(byte[] repomd, byte[] signature, String source) throws FeedException {
        if (signature == null || signature.length == 0) {
            throw new FeedException(FeedException.Kind.SIGNATURE, source,
                    "signature over repomd.xml is missing, but the repository is configured as signed");
        }
        List<String> problems = new ArrayList<>();
        for (PGPSignature candidate : readSignatures(signature, source)) {
            String fingerprint = check(candidate, repomd, problems);
            if (fingerprint != null) {
                return fingerprint;
            }
        }
        throw new FeedException(FeedException.Kind.SIGNATURE, source,
                "no good signature over repomd.xml by a trusted key: " + String.join("; ", problems));
    }

    private static List<PGPSignature> readSignatures(byte[] signature, String source) throws FeedException {
        List<PGPSignature> signatures = new ArrayList<>();
        try {
            BcPGPObjectFactory objects = new BcPGPObjectFactory(
                    PGPUtil.getDecoderStream(new ByteArrayInputStream(signature)));
            for (Object object = objects.nextObject(); object != null; object = objects.nextObject()) {
                if (object instanceof PGPSignatureList list) {
                    list.forEach(signatures::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new FeedException(FeedException.Kind.SIGNATURE, source,
                    "not a readable OpenPGP signature: " + e.getMessage(), e);
        }
        if (signatures.isEmpty()) {
            throw new FeedException(FeedException.Kind.SIGNATURE, source, "holds no OpenPGP signature");
        }
        return signatures;
    }

    /** Returns the fingerprint of the trusted key {@code signature} verifies with, or null after noting why not. */
    private String check(PGPSignature signature, byte[] repomd, List<String> problems) {
        int type = signature.getSignatureType();
        if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            problems.add("signature of type " + type + " is not a document signature");
            return null;
        }
        List<PGPPublicKey> keys = keysFor(signature);
        if (keys.isEmpty()) {
            problems.add("signature by " + issuers(signature) + ", which is not a trusted key");
            return null;
        }
        if (WEAK_HASHES.contains(signature.getHashAlgorithm())) {
            problems.add("signature by " + issuers(signature) + " uses weak hash algorithm "
                    + signature.getHashAlgorithm());
            return null;
        }
        for (PGPPublicKey key : keys) {
            String unusable = unusable(key, signature.getCreationTime());
            if (unusable != null) {
                problems.add(unusable);
                continue;
            }
            try {
                signature.init(new BcPGPContentVerifierBuilderProvider(), key);
                signature.update(repomd);
                if (signature.verify()) {
                    return fingerprint(key);
                }
                problems.add("signature by " + fingerprint(key) + " does not match the content");
            } catch (PGPException | RuntimeException e) {
                problems.add("signature by " + fingerprint(key) + " cannot be checked: " + e.getMessage());
            }
        }
        return null;
    }

    private List<PGPPublicKey> keysFor(PGPSignature signature) {
        List<KeyIdentifier> issuers = signature.getKeyIdentifiers();
        if (issuers.isEmpty()) {
            // Without an issuer, every trusted key is a candidate; the cryptographic check decides.
            return trusted;
        }
        return trusted.stream().filter(key -> signature.hasKeyIdentifier(key.getKeyIdentifier())).toList();
    }

    private static String unusable(PGPPublicKey key, Date signed) {
        if (key.hasRevocation()) {
            return "key " + fingerprint(key) + " is revoked";
        }
        if (signed.before(key.getCreationTime())) {
            return "signature by " + fingerprint(key) + " is dated before the key was created";
        }
        long validSeconds = key.getValidSeconds();
        if (validSeconds > 0 && signed.getTime() > key.getCreationTime().getTime() + validSeconds * 1000) {
            return "signature by " + fingerprint(key) + " was made after the key expired";
        }
        return null;
    }

    private static String issuers(PGPSignature signature) {
        List<String> ids = new ArrayList<>();
        for (KeyIdentifier id : signature.getKeyIdentifiers()) {
            ids.add(id.getFingerprint() != null ? hex(id.getFingerprint())
                    : String.format(Locale.ROOT, "%016X", id.getKeyId()));
        }
        return ids.isEmpty() ? "an unnamed key" : "key " + String.join("/", ids);
    }

    private static String fingerprint(PGPPublicKey key) {
        return hex(key.getFingerprint());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
