package dev.goldsmith.feeds.rpm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;
import java.util.HexFormat;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/** A throwaway Ed25519 OpenPGP key made for one test run, which can sign and export its public half. */
final class TestKey {

    private final PGPKeyPair pair;
    private final byte[] publicRing;

    private TestKey(PGPKeyPair pair, byte[] publicRing) {
        this.pair = pair;
        this.publicRing = publicRing;
    }

    /** Returns a new key with a self-certified user id, as a repository signing key would have. */
    static TestKey generate(String userId) throws PGPException, IOException {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        // A minute in the past, so a signature made right away is not dated before the key.
        Date created = new Date(System.currentTimeMillis() - 60_000);
        PGPKeyPair pair = new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, generator.generateKeyPair(), created);
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId,
                new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), null, null,
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256), null);
        return new TestKey(pair, armor(out -> rings.generatePublicKeyRing().encode(out)));
    }

    /** Returns the ASCII-armored public key, as a repository publishes it for {@code gpgkey=}. */
    byte[] armoredPublicKey() {
        return publicRing.clone();
    }

    /** Returns the fingerprint in uppercase hex. */
    String fingerprint() {
        return HexFormat.of().withUpperCase().formatHex(pair.getPublicKey().getFingerprint());
    }

    /** Returns an ASCII-armored detached SHA-256 signature over {@code data}, like {@code gpg -a --detach-sign}. */
    byte[] signArmored(byte[] data) throws PGPException, IOException {
        PGPSignature signature = sign(data, HashAlgorithmTags.SHA256);
        return armor(signature::encode);
    }

    /** Returns a binary detached signature over {@code data} made with {@code hashAlgorithm}. */
    byte[] signBinary(byte[] data, int hashAlgorithm) throws PGPException, IOException {
        return sign(data, hashAlgorithm).getEncoded();
    }

    private PGPSignature sign(byte[] data, int hashAlgorithm) throws PGPException {
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), hashAlgorithm), pair.getPublicKey());
        generator.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
        generator.update(data);
        return generator.generate();
    }

    private interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    private static byte[] armor(Encoder encoder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes)) {
            encoder.encode(armored);
        }
        return bytes.toByteArray();
    }
}
