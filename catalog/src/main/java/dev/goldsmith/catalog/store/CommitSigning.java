package dev.goldsmith.catalog.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.util.encoders.Hex;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * Signs commits and annotated tags with one OpenPGP key read from a secret keyring file, so that {@code git
 * verify-commit} and {@code git verify-tag} accept them wherever the public key is known.
 *
 * <p>JGit's own BouncyCastle signer finds keys only in the user's GnuPG home; a service names its key file in its
 * configuration instead, so this signer loads the key itself, once, and keeps the unlocked private key in memory.
 */
public final class CommitSigning implements Signer {

    private final PGPSecretKey secretKey;
    private final PGPPrivateKey privateKey;
    private final String keyId;

    private CommitSigning(PGPSecretKey secretKey, PGPPrivateKey privateKey) {
        this.secretKey = secretKey;
        this.privateKey = privateKey;
        this.keyId = longId(secretKey.getPublicKey());
    }

    /**
     * Loads and unlocks the key {@code key} names.
     *
     * @throws SigningKeyException naming the keyring file and the reason when the key cannot be used
     */
    public static CommitSigning load(SigningKey key) throws SigningKeyException {
        Path file = key.keyring();
        PGPSecretKeyRingCollection rings = readKeyring(file);
        String wanted = key.normalizedId();
        List<String> present = new ArrayList<>();
        for (Iterator<PGPSecretKeyRing> ringIt = rings.getKeyRings(); ringIt.hasNext(); ) {
            for (Iterator<PGPSecretKey> keyIt = ringIt.next().getSecretKeys(); keyIt.hasNext(); ) {
                PGPSecretKey candidate = keyIt.next();
                String fingerprint = Hex.toHexString(candidate.getPublicKey().getFingerprint())
                        .toUpperCase(Locale.ROOT);
                present.add(longId(candidate.getPublicKey()));
                if (fingerprint.equals(wanted) || longId(candidate.getPublicKey()).equals(wanted)) {
                    return unlock(file, candidate, key.passphrase());
                }
            }
        }
        if (present.isEmpty()) {
            throw new SigningKeyException(file, "not an OpenPGP secret keyring: it holds no secret keys"
                    + " (gpg --export-secret-keys --armor KEY-ID writes one)", null);
        }
        throw new SigningKeyException(file, "it has no secret key " + key.keyId() + "; it holds "
                + String.join(", ", present), null);
    }

    private static PGPSecretKeyRingCollection readKeyring(Path file) throws SigningKeyException {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            return new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
        } catch (NoSuchFileException e) {
            throw new SigningKeyException(file, "no such file", e);
        } catch (IOException | PGPException | RuntimeException e) {
            // BouncyCastle reports some malformed input as runtime exceptions.
            throw new SigningKeyException(file, "not an OpenPGP secret keyring (" + e.getMessage() + ")", e);
        }
    }

    private static CommitSigning unlock(Path file, PGPSecretKey candidate, String passphrase)
            throws SigningKeyException {
        String id = longId(candidate.getPublicKey());
        if (candidate.isPrivateKeyEmpty()) {
            throw new SigningKeyException(file, "key " + id + " has no private part (a stub, as gpg exports keys"
                    + " kept on a card)", null);
        }
        if (!candidate.isSigningKey()) {
            throw new SigningKeyException(file, "key " + id + " is not a signing key", null);
        }
        PGPPublicKey publicKey = candidate.getPublicKey();
        if (publicKey.hasRevocation()) {
            throw new SigningKeyException(file, "key " + id + " is revoked", null);
        }
        long validSeconds = publicKey.getValidSeconds();
        if (validSeconds > 0) {
            Instant expiry = publicKey.getCreationTime().toInstant().plusSeconds(validSeconds);
            if (expiry.isBefore(Instant.now())) {
                throw new SigningKeyException(file, "key " + id + " expired on " + expiry, null);
            }
        }
        try {
            PGPPrivateKey privateKey = candidate.extractPrivateKey(
                    new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                            .build(passphrase.toCharArray()));
            return new CommitSigning(candidate, privateKey);
        } catch (PGPException | RuntimeException e) {
            throw new SigningKeyException(file, "cannot unlock key " + id + ": wrong passphrase or damaged key ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Returns the 16-digit key id of the signing key, upper-case hex. */
    public String keyId() {
        return keyId;
    }

    /** Returns the GPG settings that go with this signer: OpenPGP format, this key. */
    GpgConfig gpgConfig() {
        Config config = new Config();
        config.setString("gpg", null, "format", "openpgp");
        config.setString("user", null, "signingKey", keyId);
        return new GpgConfig(config);
    }

    @Override
    public GpgSignature sign(Repository repository, GpgConfig config, byte[] data, PersonIdent committer,
            String signingKey, CredentialsProvider credentialsProvider) throws IOException {
        try {
            PGPPublicKey publicKey = secretKey.getPublicKey();
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(publicKey.getAlgorithm(), HashAlgorithmTags.SHA256), publicKey);
            generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, new Date());
            hashed.setIssuerFingerprint(false, publicKey);
            hashed.setIssuerKeyID(false, publicKey.getKeyID());
            generator.setHashedSubpackets(hashed.generate());
            generator.update(data);
            ByteArrayOutputStream armored = new ByteArrayOutputStream();
            try (ArmoredOutputStream out = ArmoredOutputStream.builder().clearHeaders().build(armored)) {
                generator.generate().encode(out);
            }
            return new GpgSignature(armored.toByteArray());
        } catch (PGPException e) {
            throw new IOException("cannot sign with key " + keyId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean canLocateSigningKey(Repository repository, GpgConfig config, PersonIdent committer,
            String signingKey, CredentialsProvider credentialsProvider) {
        return true;
    }

    private static String longId(PGPPublicKey key) {
        return String.format(Locale.ROOT, "%016X", key.getKeyID());
    }

    @Override
    public String toString() {
        return "CommitSigning[" + keyId + "]";
    }
}
