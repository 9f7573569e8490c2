package dev.goldsmith.feeds.apt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Decides whether a key in a keyring may sign at a given instant, as gpg does for a data signature: the certificate
 * has a valid self-signature and is neither revoked nor expired, and a subkey is bound to its primary key by a
 * valid binding signature carrying the subkey's own back-signature, is flagged for signing, and is neither revoked
 * nor expired. Every self-signature used is verified, not just read.
 *
 * <p>Not handled: designated revokers (third-party revocation keys) and revocation reasons; any verified
 * revocation counts as final.
 */
final class KeyValidity {

    /** The user id to show for a key, and the reason it may not sign (null when it may). */
    record Assessment(String userId, String problem) {
        boolean usable() {
            return problem == null;
        }
    }

    private static final PGPContentVerifierBuilderProvider VERIFIERS = new BcPGPContentVerifierBuilderProvider();
    private static final int MIN_RSA_DSA_BITS = 2048;

    private KeyValidity() {
    }

    /** Returns whether {@code key}, a member of {@code ring}, may make data signatures at {@code at}. */
    static Assessment assess(PGPPublicKeyRing ring, PGPPublicKey key, Instant at) {
        PGPPublicKey primary = ring.getPublicKey();
        String primaryId = OpenPgpVerifier.keyId(primary);

        SelfCertification cert = primaryUserId(primary, at);
        PGPSignature direct = latest(primary, PGPSignature.DIRECT_KEY, at, s -> verifyOn(s, primary, primary));
        String userId = cert == null ? "" : cert.userId;
        if (isRevoked(primary, PGPSignature.KEY_REVOCATION, primary, at, s -> verifyOn(s, primary, primary))) {
            return new Assessment(userId, "key " + primaryId + " is revoked");
        }
        if (cert == null && direct == null) {
            return new Assessment(userId, "key " + primaryId + " has no valid self-signature");
        }
        PGPSignature governing = cert != null ? cert.signature : direct;
        Instant primaryExpiry = expiry(primary, governing, direct);
        if (primaryExpiry != null && !at.isBefore(primaryExpiry)) {
            return new Assessment(userId, "key " + primaryId + " expired on " + primaryExpiry);
        }
        if (primary.getCreationTime().toInstant().isAfter(at)) {
            return new Assessment(userId, "key " + primaryId + " is not valid yet: created "
                    + primary.getCreationTime().toInstant());
        }

        if (key.getKeyID() == primary.getKeyID()) {
            int flags = flags(governing);
            if (flags != 0 && (flags & KeyFlags.SIGN_DATA) == 0) {
                return new Assessment(userId, "key " + primaryId + " is not flagged for signing");
            }
            return new Assessment(userId, weakness(key));
        }
        return new Assessment(userId, assessSubkey(primary, key, at));
    }

    private static String assessSubkey(PGPPublicKey primary, PGPPublicKey subkey, Instant at) {
        String id = OpenPgpVerifier.keyId(subkey);
        if (isRevoked(subkey, PGPSignature.SUBKEY_REVOCATION, primary, at, s -> verifyOn(s, primary, subkey))) {
            return "subkey " + id + " is revoked";
        }
        PGPSignature binding = latest(subkey, PGPSignature.SUBKEY_BINDING, at,
                s -> issuedBy(s, primary) && verifyOn(s, primary, subkey));
        if (binding == null) {
            return "subkey " + id + " is not bound to key " + OpenPgpVerifier.keyId(primary)
                    + " by a valid binding signature";
        }
        int flags = flags(binding);
        if (flags != 0 && (flags & KeyFlags.SIGN_DATA) == 0) {
            return "subkey " + id + " is not flagged for signing";
        }
        if (!hasValidBackSignature(binding, primary, subkey)) {
            return "signing subkey " + id + " has no valid back-signature (primary key binding)";
        }
        long seconds = binding.getHashedSubPackets() == null ? 0
                : binding.getHashedSubPackets().getKeyExpirationTime();
        if (seconds > 0) {
            Instant expiry = subkey.getCreationTime().toInstant().plusSeconds(seconds);
            if (!at.isBefore(expiry)) {
                return "subkey " + id + " expired on " + expiry;
            }
        }
        if (subkey.getCreationTime().toInstant().isAfter(at)) {
            return "subkey " + id + " is not valid yet: created " + subkey.getCreationTime().toInstant();
        }
        return weakness(subkey);
    }

    /** Returns why a key is too weak to trust (RSA or DSA under 2048 bits), or null. */
    private static String weakness(PGPPublicKey key) {
        int algorithm = key.getAlgorithm();
        boolean rsaOrDsa = algorithm == PublicKeyAlgorithmTags.RSA_GENERAL
                || algorithm == PublicKeyAlgorithmTags.RSA_SIGN || algorithm == PublicKeyAlgorithmTags.DSA;
        if (rsaOrDsa && key.getBitStrength() < MIN_RSA_DSA_BITS) {
            return "key " + OpenPgpVerifier.keyId(key) + " is too weak (" + key.getBitStrength() + " bits)";
        }
        return null;
    }

    private record SelfCertification(String userId, PGPSignature signature) {
    }

    /**
     * Returns the user id a certificate presents and its latest valid self-certification: the one marked primary
     * when any is, else the first user id with a valid, unrevoked self-certification.
     */
    private static SelfCertification primaryUserId(PGPPublicKey primary, Instant at) {
        SelfCertification first = null;
        SelfCertification marked = null;
        for (Iterator<String> it = primary.getUserIDs(); it.hasNext(); ) {
            String uid = it.next();
            PGPSignature latest = null;
            PGPSignature revocation = null;
            for (Iterator<PGPSignature> sigs = primary.getSignaturesForID(uid); sigs.hasNext(); ) {
                PGPSignature s = sigs.next();
                if (!issuedBy(s, primary) || !madeBy(s, at) || s.getHashAlgorithm() == HashAlgorithmTags.MD5) {
                    continue;
                }
                if (s.isCertification() && newer(s, latest) && verifyUserId(s, uid, primary)) {
                    latest = s;
                } else if (s.getSignatureType() == PGPSignature.CERTIFICATION_REVOCATION && newer(s, revocation)
                        && verifyUserId(s, uid, primary)) {
                    revocation = s;
                }
            }
            boolean revoked = revocation != null && !revocation.getCreationTime().before(latest == null
                    ? revocation.getCreationTime() : latest.getCreationTime());
            if (latest == null || revoked) {
                continue;
            }
            SelfCertification c = new SelfCertification(uid, latest);
            if (first == null) {
                first = c;
            }
            PGPSignatureSubpacketVector hashed = latest.getHashedSubPackets();
            if (hashed != null && hashed.isPrimaryUserID() && (marked == null || newer(latest, marked.signature))) {
                marked = c;
            }
        }
        return marked != null ? marked : first;
    }

    private static Instant expiry(PGPPublicKey primary, PGPSignature governing, PGPSignature direct) {
        long seconds = keyExpirationSeconds(governing);
        if (seconds == 0 && direct != null) {
            seconds = keyExpirationSeconds(direct);
        }
        return seconds > 0 ? primary.getCreationTime().toInstant().plusSeconds(seconds) : null;
    }

    private static long keyExpirationSeconds(PGPSignature s) {
        return s == null || s.getHashedSubPackets() == null ? 0 : s.getHashedSubPackets().getKeyExpirationTime();
    }

    private static int flags(PGPSignature s) {
        return s.getHashedSubPackets() == null ? 0 : s.getHashedSubPackets().getKeyFlags();
    }

    private static boolean hasValidBackSignature(PGPSignature binding, PGPPublicKey primary, PGPPublicKey subkey) {
        List<PGPSignature> embedded = new ArrayList<>();
        try {
            addAll(embedded, binding.getHashedSubPackets());
            addAll(embedded, binding.getUnhashedSubPackets());
        } catch (PGPException e) {
            return false;
        }
        for (PGPSignature back : embedded) {
            if (back.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING && verifyOn(back, subkey, primary, subkey)) {
                return true;
            }
        }
        return false;
    }

    private static void addAll(List<PGPSignature> into, PGPSignatureSubpacketVector packets) throws PGPException {
        if (packets == null) {
            return;
        }
        PGPSignatureList list = packets.getEmbeddedSignatures();
        for (PGPSignature s : list) {
            into.add(s);
        }
    }

    private interface Check {
        boolean test(PGPSignature s);
    }

    private static PGPSignature latest(PGPPublicKey key, int type, Instant at, Check valid) {
        PGPSignature latest = null;
        for (Iterator<PGPSignature> it = key.getSignaturesOfType(type); it.hasNext(); ) {
            PGPSignature s = it.next();
            if (madeBy(s, at) && s.getHashAlgorithm() != HashAlgorithmTags.MD5 && newer(s, latest) && valid.test(s)) {
                latest = s;
            }
        }
        return latest;
    }

    private static boolean isRevoked(PGPPublicKey key, int type, PGPPublicKey issuer, Instant at, Check valid) {
        for (Iterator<PGPSignature> it = key.getSignaturesOfType(type); it.hasNext(); ) {
            PGPSignature s = it.next();
            if (issuedBy(s, issuer) && madeBy(s, at) && valid.test(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean madeBy(PGPSignature s, Instant at) {
        return !s.getCreationTime().toInstant().isAfter(at);
    }

    private static boolean newer(PGPSignature s, PGPSignature than) {
        return than == null || s.getCreationTime().after(than.getCreationTime());
    }

    /** Returns whether the signature names {@code key} as its issuer, or names no issuer at all. */
    static boolean issuedBy(PGPSignature s, PGPPublicKey key) {
        return s.getKeyIdentifiers().isEmpty() || s.hasKeyIdentifier(key.getKeyIdentifier());
    }

    // The key signatures below belong to the keyring, which verifiers share between threads, and a PGPSignature
    // holds the state of one verification at a time; hence the locks.

    private static boolean verifyUserId(PGPSignature s, String uid, PGPPublicKey primary) {
        synchronized (s) {
            try {
                s.init(VERIFIERS, primary);
                return s.verifyCertification(uid, primary);
            } catch (PGPException | RuntimeException e) {
                return false;
            }
        }
    }

    /** Verifies a key signature made by {@code primary} over {@code target} (itself, or a subkey). */
    private static boolean verifyOn(PGPSignature s, PGPPublicKey primary, PGPPublicKey target) {
        return verifyOn(s, primary, primary, target);
    }

    private static boolean verifyOn(PGPSignature s, PGPPublicKey signer, PGPPublicKey primary, PGPPublicKey target) {
        synchronized (s) {
            try {
                s.init(VERIFIERS, signer);
                return primary == target ? s.verifyCertification(target) : s.verifyCertification(primary, target);
            } catch (PGPException | RuntimeException e) {
                return false;
            }
        }
    }
}
