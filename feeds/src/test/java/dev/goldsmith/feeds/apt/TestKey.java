package dev.goldsmith.feeds.apt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * A throwaway OpenPGP key made in the test, and the signing a repository would do with it: cleartext InRelease
 * files and detached Release.gpg signatures. Ed25519 keys are the default because they generate in microseconds.
 */
final class TestKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** How the key is built; the defaults make a valid Ed25519 key that signs with its primary key. */
    static final class Spec {
        String userId = "Test Archive Key <archive@example.org>";
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        Duration validFor;
        boolean signingSubkey;
        boolean subkeyBackSignature = true;
        int rsaBits;

        Spec userId(String v) {
            userId = v;
            return this;
        }

        Spec created(Instant v) {
            created = v;
            return this;
        }

        Spec validFor(Duration v) {
            validFor = v;
            return this;
        }

        Spec signingSubkey(boolean backSignature) {
            signingSubkey = true;
            subkeyBackSignature = backSignature;
            return this;
        }

        Spec rsa(int bits) {
            rsaBits = bits;
            return this;
        }

        TestKey generate() {
            try {
                return new TestKey(this);
            } catch (PGPException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final PGPPublicKeyRing publicRing;
    final PGPPublicKey signingKey;
    private final PGPPrivateKey signingPrivate;
    private final PGPKeyPair primaryPair;

    static Spec spec() {
        return new Spec();
    }

    static TestKey generate() {
        return spec().generate();
    }

    private TestKey(Spec spec) throws PGPException {
        Date created = Date.from(spec.created);
        PGPKeyPair primary = keyPair(spec.rsaBits, created);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setKeyFlags(false, spec.signingSubkey ? KeyFlags.CERTIFY_OTHER
                : KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        hashed.setPrimaryUserID(false, true);
        hashed.setSignatureCreationTime(false, created);
        hashed.setIssuerFingerprint(false, primary.getPublicKey());
        if (spec.validFor != null) {
            hashed.setKeyExpirationTime(false, spec.validFor.toSeconds());
        }
        PGPKeyRingGenerator generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary,
                spec.userId, new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), hashed.generate(), null,
                signer(primary), null);
        PGPKeyPair signing = primary;
        if (spec.signingSubkey) {
            PGPKeyPair sub = keyPair(spec.rsaBits, created);
            PGPSignatureSubpacketGenerator subHashed = new PGPSignatureSubpacketGenerator();
            subHashed.setKeyFlags(false, KeyFlags.SIGN_DATA);
            subHashed.setSignatureCreationTime(false, created);
            if (spec.validFor != null) {
                subHashed.setKeyExpirationTime(false, spec.validFor.toSeconds());
            }
            if (spec.subkeyBackSignature) {
                generator.addSubKey(sub, subHashed.generate(), null, signer(sub));
            } else {
                generator.addSubKey(sub, subHashed.generate(), null);
            }
            signing = sub;
        }
        this.publicRing = generator.generatePublicKeyRing();
        this.signingKey = publicRing.getPublicKey(signing.getKeyID());
        this.signingPrivate = generator.generateSecretKeyRing().getSecretKey(signing.getKeyID())
                .extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(null));
        this.primaryPair = primary;
    }

    private static PGPKeyPair keyPair(int rsaBits, Date created) throws PGPException {
        if (rsaBits > 0) {
            RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
            rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), RANDOM, rsaBits, 80));
            return new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(), created);
        }
        Ed25519KeyPairGenerator ed = new Ed25519KeyPairGenerator();
        ed.init(new Ed25519KeyGenerationParameters(RANDOM));
        AsymmetricCipherKeyPair pair = ed.generateKeyPair();
        return new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, pair, created);
    }

    private static BcPGPContentSignerBuilder signer(PGPKeyPair pair) {
        return new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256);
    }

    /** Returns the certificate as a binary keyring, as {@code gpg --export} writes it. */
    byte[] keyring() {
        try {
            return publicRing.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the certificate ASCII-armored, as an {@code .asc} file or an inline {@code Signed-By} holds it. */
    String armored() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
            publicRing.encode(armor);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    String fingerprint() {
        return OpenPgpVerifier.fingerprint(publicRing.getPublicKey());
    }

    String signingKeyId() {
        return OpenPgpVerifier.keyId(signingKey);
    }

    /** Returns a copy of this key's certificate carrying a revocation of the primary key. */
    byte[] revokedKeyring() throws PGPException, IOException {
        PGPSignatureGenerator g = new PGPSignatureGenerator(signer(primaryPair), primaryPair.getPublicKey());
        g.init(PGPSignature.KEY_REVOCATION, primaryPair.getPrivateKey());
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, new Date(primaryPair.getPublicKey().getCreationTime().getTime() + 1000));
        hashed.setIssuerFingerprint(false, primaryPair.getPublicKey());
        g.setHashedSubpackets(hashed.generate());
        PGPSignature revocation = g.generateCertification(publicRing.getPublicKey());
        PGPPublicKey revoked = PGPPublicKey.addCertification(publicRing.getPublicKey(), revocation);
        return PGPPublicKeyRing.insertPublicKey(publicRing, revoked).getEncoded();
    }

    /** Signs {@code data} as given (after canonicalisation, which is the caller's business). */
    PGPSignature sign(byte[] data, int type, int hashAlgorithm, Instant at) {
        try {
            PGPSignatureGenerator g = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(signingKey.getAlgorithm(), hashAlgorithm), signingKey);
            g.init(type, signingPrivate);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(at));
            hashed.setIssuerFingerprint(false, signingKey);
            g.setHashedSubpackets(hashed.generate());
            g.update(data);
            return g.generate();
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns a detached signature over {@code data}, binary or armored as Release.gpg files are. */
    byte[] detach(byte[] data, boolean armored) {
        return encode(List.of(sign(data, PGPSignature.BINARY_DOCUMENT, HashAlgorithmTags.SHA256,
                Instant.parse("2026-06-01T00:00:00Z"))), armored);
    }

    static byte[] encode(List<PGPSignature> signatures, boolean armored) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (armored) {
                try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
                    for (PGPSignature s : signatures) {
                        s.encode(armor);
                    }
                }
            } else {
                for (PGPSignature s : signatures) {
                    s.encode(out);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Returns {@code text} cleartext-signed by this key with SHA-256. */
    String clearsign(String text) {
        return clearsign(text, List.of(new Signing(this, text, HashAlgorithmTags.SHA256)), "SHA256");
    }

    /** One signature of a cleartext file: who signs, and the text they sign (normally the file's own). */
    record Signing(TestKey key, String signedText, int hashAlgorithm) {
    }

    /**
     * Returns a cleartext-signed file showing {@code text}, carrying one signature per signing. A signing over
     * another text than {@code text} yields a signature that does not match, as after tampering.
     */
    static String clearsign(String text, List<Signing> signings, String hashHeader) {
        List<PGPSignature> signatures = new ArrayList<>();
        for (Signing s : signings) {
            signatures.add(s.key().sign(canonical(s.signedText()), PGPSignature.CANONICAL_TEXT_DOCUMENT,
                    s.hashAlgorithm(), Instant.parse("2026-06-01T00:00:00Z")));
        }
        StringBuilder file = new StringBuilder("-----BEGIN PGP SIGNED MESSAGE-----\n");
        if (hashHeader != null) {
            file.append("Hash: ").append(hashHeader).append('\n');
        }
        file.append('\n');
        for (String line : lines(text)) {
            file.append(line.startsWith("-") ? "- " + line : line).append('\n');
        }
        file.append(new String(encode(signatures, true), StandardCharsets.US_ASCII));
        return file.toString();
    }

    /** The RFC 4880 cleartext canonical form, written out plainly as a second opinion for the tests. */
    static byte[] canonical(String text) {
        List<String> stripped = new ArrayList<>();
        for (String line : lines(text)) {
            stripped.add(line.replaceAll("[ \t\r]+$", ""));
        }
        return String.join("\r\n", stripped).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> lines(String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }
}
