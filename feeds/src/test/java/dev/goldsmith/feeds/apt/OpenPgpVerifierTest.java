package dev.goldsmith.feeds.apt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.goldsmith.feeds.FeedException;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenPgpVerifierTest {

    private static final String IN_RELEASE = "http://example.org/debian/dists/bookworm/InRelease";
    private static final Instant JULY_2026 = Instant.parse("2026-07-12T00:00:00Z");
    private static final String RELEASE = """
            Origin: Example
            Label: Example
            Suite: stable
            Codename: example
            Date: Mon, 01 Jun 2026 00:00:00 UTC
            Architectures: amd64
            Components: main
            Description: a generated Release with trailing spaces\s\s
            SHA256:
             9e0b5aabb2465b3d2e7a7fe27f9913846277833f7a2826e7767acccff5b588c5  8790396 main/binary-amd64/Packages.xz
            """;

    static byte[] resource(String name) {
        try (InputStream in = OpenPgpVerifierTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OpenPgpVerifier debianKeyring(Instant now) throws IOException {
        return OpenPgpVerifier.fromBytes(resource("debian-archive-keyring.gpg"), "debian-archive-keyring.gpg")
                .withClock(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static OpenPgpVerifier trusting(TestKey... keys) throws IOException {
        StringBuilder armored = new StringBuilder();
        for (TestKey k : keys) {
            armored.append(k.armored());
        }
        return OpenPgpVerifier.fromBytes(armored.toString().getBytes(StandardCharsets.US_ASCII), "test.asc")
                .withClock(Clock.fixed(JULY_2026, ZoneOffset.UTC));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // --- the real Debian InRelease and keyring

    @Test
    void verifiesRealBookwormInReleaseWithAllThreeDebianSignatures() throws Exception {
        OpenPgpVerifier verifier = debianKeyring(JULY_2026);

        VerifiedText verified = verifier.verifyCleartext(resource("bookworm-InRelease"), IN_RELEASE);

        List<Signer> signers = verified.signatures().signers();
        assertEquals(List.of("4CB50190207B4758A3F73A796ED0E7B82643E131", "B8E5F13176D2A7A75220028078DBA3BC47EF2265",
                "4D64FEC119C2029067D6E791F8D2585B8783D481"), signers.stream().map(Signer::fingerprint).toList());
        assertEquals(List.of("B8B80B5B623EAB6AD8775C45B7C5D7D6350947F8", "04B54C3CDCA79751B16BC6B5225629DF75B188BD",
                "4D64FEC119C2029067D6E791F8D2585B8783D481"),
                signers.stream().map(Signer::primaryFingerprint).toList());
        assertEquals("6ED0E7B82643E131", signers.get(0).keyId());
        assertEquals("Debian Archive Automatic Signing Key (12/bookworm) <ftpmaster@debian.org>",
                signers.get(0).userId());
        assertEquals("Debian Stable Release Key (12/bookworm) <debian-release@lists.debian.org>",
                signers.get(2).userId());
        assertEquals(Instant.parse("2026-07-11T10:17:11Z"), signers.get(0).signedAt());
        assertEquals(List.of(), verified.signatures().ignored());
        assertTrue(verified.text().startsWith("Origin: Debian\nLabel: Debian\nSuite: oldstable\n"), verified.text());
        assertTrue(verified.text().endsWith("5d27e4146c269f89eb420bd8884da52498658fcf9612bb2725aeacb051fe905a"
                + "    77952 non-free/source/Sources.xz\n"), verified.text());
        assertEquals(1558, verified.text().lines().count());
    }

    @Test
    void acceptsRealInReleaseWhenOnlyOneOfItsSigningKeysIsTrusted() throws Exception {
        PGPPublicKeyRing bookwormStable = null;
        for (PGPPublicKeyRing ring : OpenPgpVerifier.readKeyrings(resource("debian-archive-keyring.gpg"), "k")) {
            if (OpenPgpVerifier.fingerprint(ring.getPublicKey()).equals("4D64FEC119C2029067D6E791F8D2585B8783D481")) {
                bookwormStable = ring;
            }
        }
        OpenPgpVerifier verifier = OpenPgpVerifier.fromBytes(bookwormStable.getEncoded(), "bookworm-stable.gpg")
                .withClock(Clock.fixed(JULY_2026, ZoneOffset.UTC));

        VerifiedText verified = verifier.verifyCleartext(resource("bookworm-InRelease"), IN_RELEASE);

        assertEquals(List.of("4D64FEC119C2029067D6E791F8D2585B8783D481"),
                verified.signatures().signers().stream().map(Signer::fingerprint).toList());
        assertEquals(List.of("unknown key 4CB50190207B4758A3F73A796ED0E7B82643E131 (not in bookworm-stable.gpg)",
                "unknown key B8E5F13176D2A7A75220028078DBA3BC47EF2265 (not in bookworm-stable.gpg)"),
                verified.signatures().ignored());
    }

    @Test
    void restrictingToOneFingerprintIgnoresTheOtherKeyringKeys() throws Exception {
        OpenPgpVerifier verifier = debianKeyring(JULY_2026)
                .restrictedTo(List.of("B8B80B5B623EAB6AD8775C45B7C5D7D6350947F8"));

        VerifiedText verified = verifier.verifyCleartext(resource("bookworm-InRelease"), IN_RELEASE);

        assertEquals(List.of("4CB50190207B4758A3F73A796ED0E7B82643E131"),
                verified.signatures().signers().stream().map(Signer::fingerprint).toList());
        assertEquals(2, verified.signatures().ignored().size());
        assertEquals(List.of("B8B80B5B623EAB6AD8775C45B7C5D7D6350947F8"), verifier.primaryFingerprints());
    }

    @Test
    void oneVerifierServesSeveralThreadsAtOnce() throws Exception {
        OpenPgpVerifier verifier = debianKeyring(JULY_2026);
        byte[] file = resource("bookworm-InRelease");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<VerifiedText>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> verifier.verifyCleartext(file, IN_RELEASE)));
            }

            for (Future<VerifiedText> f : results) {
                assertEquals(3, f.get().signatures().signers().size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsRealInReleaseWithOneAlteredByte() throws Exception {
        byte[] file = resource("bookworm-InRelease");
        String text = new String(file, StandardCharsets.UTF_8);
        int at = text.indexOf("Version: 12.15") + "Version: 12.1".length();
        file[at] = '6';

        FeedException e = assertThrows(FeedException.class,
                () -> debianKeyring(JULY_2026).verifyCleartext(file, IN_RELEASE));

        assertEquals(FeedException.Kind.SIGNATURE, e.kind());
        assertEquals(IN_RELEASE, e.source());
        assertTrue(e.getMessage().contains("bad signature by key 6ED0E7B82643E131 (Debian Archive Automatic Signing"
                + " Key (12/bookworm) <ftpmaster@debian.org>)"), e.getMessage());
        assertTrue(e.getMessage().contains("bad signature by key F8D2585B8783D481"), e.getMessage());
    }

    @Test
    void realInReleaseStillVerifiesAfterTwoOfItsThreeKeysExpired() throws Exception {
        OpenPgpVerifier in2032 = debianKeyring(Instant.parse("2032-01-01T00:00:00Z"));

        VerifiedText verified = in2032.verifyCleartext(resource("bookworm-InRelease"), IN_RELEASE);

        assertEquals(List.of("B8E5F13176D2A7A75220028078DBA3BC47EF2265"),
                verified.signatures().signers().stream().map(Signer::fingerprint).toList());
        assertEquals(List.of("signature by key 6ED0E7B82643E131 (Debian Archive Automatic Signing Key (12/bookworm)"
                + " <ftpmaster@debian.org>) does not count: key B7C5D7D6350947F8 expired on 2031-01-19T11:44:21Z",
                "signature by key F8D2585B8783D481 (Debian Stable Release Key (12/bookworm)"
                + " <debian-release@lists.debian.org>) does not count: key F8D2585B8783D481 expired on"
                + " 2031-01-21T16:44:03Z"), verified.signatures().ignored());
    }

    @Test
    void rejectsRealInReleaseOnceEveryDebianKeyHasExpired() throws Exception {
        OpenPgpVerifier in2036 = debianKeyring(Instant.parse("2036-01-01T00:00:00Z"));

        FeedException e = assertThrows(FeedException.class,
                () -> in2036.verifyCleartext(resource("bookworm-InRelease"), IN_RELEASE));

        assertEquals(FeedException.Kind.SIGNATURE, e.kind());
        assertTrue(e.getMessage().startsWith(IN_RELEASE + ": no good signature by a trusted key: "), e.getMessage());
        assertTrue(e.getMessage().contains("key 225629DF75B188BD expired on 2035-03-28T12:50:29Z"),
                e.getMessage());
    }

    @Test
    void rejectsRealInReleaseAgainstAKeyringWithoutItsKeys() throws Exception {
        FeedException e = assertThrows(FeedException.class,
                () -> trusting(TestKey.generate()).verifyCleartext(resource("bookworm-InRelease"), IN_RELEASE));

        assertEquals(FeedException.Kind.SIGNATURE, e.kind());
        assertTrue(e.getMessage().contains("unknown key 4CB50190207B4758A3F73A796ED0E7B82643E131 (not in test.asc)"),
                e.getMessage());
    }

    @Test
    void loadsTheSameKeysFromABinaryKeyringFileAndFromAnArmoredOne(@TempDir Path dir) throws Exception {
        TestKey one = TestKey.generate();
        TestKey two = TestKey.generate();
        Path binary = dir.resolve("keys.gpg");
        Files.write(binary, resource("debian-archive-keyring.gpg"));
        Path armored = dir.resolve("keys.asc");
        Files.writeString(armored, "comment lines before the block are fine\n" + one.armored() + two.armored());

        OpenPgpVerifier fromBinary = OpenPgpVerifier.load(binary);
        OpenPgpVerifier fromArmored = OpenPgpVerifier.load(armored);
        OpenPgpVerifier both = OpenPgpVerifier.load(List.of(binary, armored));

        assertEquals(9, fromBinary.primaryFingerprints().size());
        assertEquals(List.of(one.fingerprint(), two.fingerprint()), fromArmored.primaryFingerprints());
        assertEquals(11, both.primaryFingerprints().size());
    }

    @Test
    void theSameKeysInTwoKeyringFilesCountOnce(@TempDir Path dir) throws Exception {
        Path keyring = dir.resolve("debian-archive-keyring.gpg");
        Files.write(keyring, resource("debian-archive-keyring.gpg"));
        Path copy = dir.resolve("copy.gpg");
        Files.copy(keyring, copy);

        OpenPgpVerifier both = OpenPgpVerifier.load(keyring, copy).withClock(Clock.fixed(JULY_2026, ZoneOffset.UTC));

        assertEquals(9, both.primaryFingerprints().size());
        assertEquals(3, both.verifyCleartext(resource("bookworm-InRelease"), IN_RELEASE).signatures().signers()
                .size());
    }

    @Test
    void refusesFilesThatAreNotKeyrings(@TempDir Path dir) throws Exception {
        Path keybox = dir.resolve("pubring.kbx");
        Files.write(keybox, bytes("\0\0\0\40\1\1\0\0KBXf\0\0\0\0\0\0\0\0"));
        Path empty = dir.resolve("empty.gpg");
        Files.write(empty, new byte[0]);
        Path text = dir.resolve("notes.asc");
        Files.writeString(text, "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5\n");

        IOException kbx = assertThrows(IOException.class, () -> OpenPgpVerifier.load(keybox));
        IOException none = assertThrows(IOException.class, () -> OpenPgpVerifier.load(empty));
        IOException cut = assertThrows(IOException.class, () -> OpenPgpVerifier.load(text));

        assertTrue(kbx.getMessage().contains("keybox"), kbx.getMessage());
        assertTrue(none.getMessage().contains("holds no OpenPGP public key"), none.getMessage());
        assertTrue(cut.getMessage().contains("END PGP PUBLIC KEY BLOCK"), cut.getMessage());
    }

    // --- files signed by gpg 2.2 (independent of this code's canonicalisation)

    @Test
    void verifiesGpgClearsignedFileWithDashEscapesAndTrailingWhitespace() throws Exception {
        OpenPgpVerifier verifier = OpenPgpVerifier.fromBytes(resource("gpg/edge-key.gpg"), "edge-key.gpg")
                .withClock(Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC));
        String expected = new String(resource("gpg/edge-InRelease"), StandardCharsets.UTF_8);

        VerifiedText primary = verifier.verifyCleartext(resource("gpg/edge-InRelease"), "edge-InRelease");
        VerifiedText subkey = verifier.verifyCleartext(resource("gpg/edge-subkey-InRelease"), "edge-subkey-InRelease");

        assertEquals("D0E8581A48634BE384E17798387B9443B39511C6", primary.signatures().signers().get(0).fingerprint());
        assertEquals("8CD7C4494949CAB143B1B7E544CD1FA3C23DAC09", subkey.signatures().signers().get(0).fingerprint());
        assertEquals("D0E8581A48634BE384E17798387B9443B39511C6",
                subkey.signatures().signers().get(0).primaryFingerprint());
        assertTrue(expected.contains("\n- -dash line that must be escaped\n"));
        assertTrue(primary.text().contains("\n-dash line that must be escaped\n--- three dashes\n- dash space\n"
                + "-----BEGIN PGP SIGNED MESSAGE----- (a fake marker inside the text)\ntab at end\n"
                + "From the start of a line\n\n\nSHA256:\n"), primary.text());
        assertTrue(primary.text().contains("Description: trailing spaces\n"), primary.text());
        assertEquals(primary.text(), subkey.text());
    }

    @Test
    void verifiesGpgDetachedTextModeSignatureOverUnixLineEnds() throws Exception {
        OpenPgpVerifier verifier = OpenPgpVerifier.fromBytes(resource("gpg/edge-key.asc"), "edge-key.asc")
                .withClock(Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC));

        VerifiedSignatures ok = verifier.verifyDetached(resource("gpg/small-Release"),
                resource("gpg/small-Release.text.gpg"), "small-Release");

        assertEquals("44CD1FA3C23DAC09", ok.signers().get(0).keyId());
    }

    // --- generated keys and files

    @Test
    void verifiesGeneratedInReleaseAndReturnsItsText() throws Exception {
        TestKey key = TestKey.generate();
        String signed = key.clearsign(RELEASE + "-a line starting with a dash\n");

        VerifiedText verified = trusting(key).verifyCleartext(bytes(signed), IN_RELEASE);

        assertEquals(RELEASE.replace("spaces  \n", "spaces\n") + "-a line starting with a dash\n", verified.text());
        assertEquals(key.fingerprint(), verified.signatures().signers().get(0).fingerprint());
        assertEquals("Test Archive Key <archive@example.org>", verified.signatures().signers().get(0).userId());
        assertTrue(signed.contains("\n- -a line starting with a dash\n"), signed);
    }

    @Test
    void acceptsCrLfLineEndsAndTrailingSpacesAddedAfterSigning() throws Exception {
        TestKey key = TestKey.generate();
        String signed = key.clearsign(RELEASE).replace("\n", "  \r\n");

        VerifiedText verified = trusting(key).verifyCleartext(bytes(signed), IN_RELEASE);

        assertEquals(RELEASE.replace("spaces  \n", "spaces\n"), verified.text());
    }

    @Test
    void rejectsGeneratedInReleaseWithOneAlteredByte() throws Exception {
        TestKey key = TestKey.generate();
        byte[] file = bytes(key.clearsign(RELEASE));
        int at = new String(file, StandardCharsets.UTF_8).indexOf("8790396");
        file[at] = '9';

        FeedException e = assertThrows(FeedException.class, () -> trusting(key).verifyCleartext(file, IN_RELEASE));

        assertEquals(FeedException.Kind.SIGNATURE, e.kind());
        assertEquals(IN_RELEASE + ": bad signature by key " + key.signingKeyId()
                + " (Test Archive Key <archive@example.org>)", e.getMessage());
    }

    @Test
    void rejectsSignatureByAKeyThatIsNotInTheKeyring() throws Exception {
        TestKey trusted = TestKey.generate();
        TestKey stranger = TestKey.generate();

        FeedException e = assertThrows(FeedException.class,
                () -> trusting(trusted).verifyCleartext(bytes(stranger.clearsign(RELEASE)), IN_RELEASE));

        assertEquals(IN_RELEASE + ": no good signature by a trusted key: unknown key " + stranger.fingerprint()
                + " (not in test.asc)", e.getMessage());
    }

    @Test
    void acceptsAGoodSignatureBesideOneByAnUnknownKey() throws Exception {
        TestKey trusted = TestKey.generate();
        TestKey stranger = TestKey.generate();
        String signed = TestKey.clearsign(RELEASE, List.of(
                new TestKey.Signing(stranger, RELEASE, HashAlgorithmTags.SHA256),
                new TestKey.Signing(trusted, RELEASE, HashAlgorithmTags.SHA512)), "SHA256,SHA512");

        VerifiedText verified = trusting(trusted).verifyCleartext(bytes(signed), IN_RELEASE);

        assertEquals(List.of(trusted.fingerprint()),
                verified.signatures().signers().stream().map(Signer::primaryFingerprint).toList());
        assertEquals(List.of("unknown key " + stranger.fingerprint() + " (not in test.asc)"),
                verified.signatures().ignored());
    }

    @Test
    void oneBadSignatureByATrustedKeyRejectsTheFileDespiteAGoodOne() throws Exception {
        TestKey good = TestKey.generate();
        TestKey other = TestKey.generate();
        String signed = TestKey.clearsign(RELEASE, List.of(
                new TestKey.Signing(good, RELEASE, HashAlgorithmTags.SHA256),
                new TestKey.Signing(other, RELEASE.replace("stable", "oldstable"), HashAlgorithmTags.SHA256)),
                "SHA256");

        FeedException e = assertThrows(FeedException.class,
                () -> trusting(good, other).verifyCleartext(bytes(signed), IN_RELEASE));

        assertEquals(IN_RELEASE + ": bad signature by key " + other.signingKeyId()
                + " (Test Archive Key <archive@example.org>)", e.getMessage());
    }

    @Test
    void ignoresSignaturesByExpiredKeys() throws Exception {
        TestKey expired = TestKey.spec().validFor(Duration.ofDays(30)).generate();

        FeedException e = assertThrows(FeedException.class,
                () -> trusting(expired).verifyCleartext(bytes(expired.clearsign(RELEASE)), IN_RELEASE));

        assertTrue(e.getMessage().endsWith("does not count: key " + expired.signingKeyId()
                + " expired on 2026-01-31T00:00:00Z"), e.getMessage());
    }

    @Test
    void ignoresSignaturesByRevokedKeys() throws Exception {
        TestKey key = TestKey.generate();
        OpenPgpVerifier verifier = OpenPgpVerifier.fromBytes(key.revokedKeyring(), "revoked.gpg")
                .withClock(Clock.fixed(JULY_2026, ZoneOffset.UTC));

        FeedException e = assertThrows(FeedException.class,
                () -> verifier.verifyCleartext(bytes(key.clearsign(RELEASE)), IN_RELEASE));

        assertTrue(e.getMessage().endsWith("is revoked"), e.getMessage());
    }

    @Test
    void acceptsASigningSubkeyWithItsBackSignature() throws Exception {
        TestKey key = TestKey.spec().signingSubkey(true).generate();

        VerifiedText verified = trusting(key).verifyCleartext(bytes(key.clearsign(RELEASE)), IN_RELEASE);

        Signer signer = verified.signatures().signers().get(0);
        assertEquals(key.signingKeyId(), signer.keyId());
        assertEquals(key.fingerprint(), signer.primaryFingerprint());
        assertTrue(!signer.fingerprint().equals(signer.primaryFingerprint()));
    }

    @Test
    void ignoresASigningSubkeyWithoutBackSignature() throws Exception {
        TestKey key = TestKey.spec().signingSubkey(false).generate();

        FeedException e = assertThrows(FeedException.class,
                () -> trusting(key).verifyCleartext(bytes(key.clearsign(RELEASE)), IN_RELEASE));

        assertTrue(e.getMessage().contains("has no valid back-signature"), e.getMessage());
    }

    @Test
    void ignoresSha1SignaturesAndWeakRsaKeys() throws Exception {
        TestKey key = TestKey.generate();
        TestKey weak = TestKey.spec().rsa(1024).generate();
        String sha1 = TestKey.clearsign(RELEASE, List.of(new TestKey.Signing(key, RELEASE, HashAlgorithmTags.SHA1)),
                "SHA1");

        FeedException digest = assertThrows(FeedException.class,
                () -> trusting(key).verifyCleartext(bytes(sha1), IN_RELEASE));
        FeedException small = assertThrows(FeedException.class,
                () -> trusting(weak).verifyCleartext(bytes(weak.clearsign(RELEASE)), IN_RELEASE));

        assertTrue(digest.getMessage().endsWith("uses the weak digest SHA1"), digest.getMessage());
        assertTrue(small.getMessage().endsWith("is too weak (1024 bits)"), small.getMessage());
    }

    @Test
    void rejectsASignatureWhoseDigestTheHashHeaderDoesNotAnnounce() throws Exception {
        TestKey key = TestKey.generate();
        String signed = TestKey.clearsign(RELEASE,
                List.of(new TestKey.Signing(key, RELEASE, HashAlgorithmTags.SHA512)), "SHA256");

        FeedException e = assertThrows(FeedException.class,
                () -> trusting(key).verifyCleartext(bytes(signed), IN_RELEASE));

        assertTrue(e.getMessage().endsWith("uses digest SHA512, which the Hash armor header does not announce"),
                e.getMessage());
    }

    @Test
    void rejectsFilesThatAreNotCleanlyClearsigned() throws Exception {
        TestKey key = TestKey.generate();
        OpenPgpVerifier verifier = trusting(key);
        String signed = key.clearsign(RELEASE);

        List<String> broken = List.of(
                RELEASE,
                "Origin: Evil\n" + signed,
                signed + "Origin: Evil\n",
                signed.replace("Hash: SHA256", "Hash: SHA256\nComment: hello"),
                signed.replace("Origin: Example", "-Origin: Example"),
                signed.substring(0, signed.indexOf("-----BEGIN PGP SIGNATURE-----")),
                signed.replace("-----END PGP SIGNATURE-----", ""));
        List<String> reasons = List.of(
                "not a cleartext-signed file",
                "not a cleartext-signed file",
                "content after the signature block is not signed",
                "armor header 'Comment: hello' is not allowed",
                "starts with a dash that is not escaped",
                "no signature: the file ends without",
                "has no '-----END PGP SIGNATURE-----' line");

        for (int i = 0; i < broken.size(); i++) {
            byte[] file = bytes(broken.get(i));
            FeedException e = assertThrows(FeedException.class, () -> verifier.verifyCleartext(file, IN_RELEASE));
            assertEquals(FeedException.Kind.SIGNATURE, e.kind());
            assertTrue(e.getMessage().contains(reasons.get(i)), i + ": " + e.getMessage());
        }
    }

    @Test
    void refusesASignedFileLargerThanTheLimit() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };

        FeedException e = assertThrows(FeedException.class,
                () -> trusting(TestKey.generate()).verifyCleartext(endless, IN_RELEASE));

        assertEquals(FeedException.Kind.TOO_LARGE, e.kind());
    }

    @Test
    void verifiesDetachedReleaseGpgArmoredAndBinary() throws Exception {
        TestKey key = TestKey.generate();
        byte[] release = bytes(RELEASE);

        VerifiedSignatures armored = trusting(key).verifyDetached(release, key.detach(release, true), "Release");
        VerifiedSignatures binary = trusting(key).verifyDetached(new ByteArrayInputStream(release),
                key.detach(release, false), "Release");

        assertEquals(key.fingerprint(), armored.signers().get(0).fingerprint());
        assertEquals(armored.signers(), binary.signers());
        assertArrayEquals(bytes(RELEASE), release);
    }

    @Test
    void rejectsDetachedSignatureOverAlteredRelease() throws Exception {
        TestKey key = TestKey.generate();
        byte[] signature = key.detach(bytes(RELEASE), true);
        byte[] altered = bytes(RELEASE.replace("8790396", "8790397"));

        FeedException e = assertThrows(FeedException.class,
                () -> trusting(key).verifyDetached(altered, signature, "http://example.org/dists/x/Release"));

        assertEquals("http://example.org/dists/x/Release: bad signature by key " + key.signingKeyId()
                + " (Test Archive Key <archive@example.org>)", e.getMessage());
    }

    @Test
    void rejectsDetachedSignatureByAnUnknownKeyAndGarbageSignatures() throws Exception {
        TestKey key = TestKey.generate();
        TestKey stranger = TestKey.generate();
        byte[] release = bytes(RELEASE);

        FeedException unknown = assertThrows(FeedException.class,
                () -> trusting(key).verifyDetached(release, stranger.detach(release, true), "Release"));
        FeedException garbage = assertThrows(FeedException.class,
                () -> trusting(key).verifyDetached(release, bytes("not a signature"), "Release"));
        FeedException empty = assertThrows(FeedException.class,
                () -> trusting(key).verifyDetached(release, new byte[0], "Release"));

        assertTrue(unknown.getMessage().contains("unknown key " + stranger.fingerprint()), unknown.getMessage());
        assertEquals(FeedException.Kind.SIGNATURE, garbage.kind());
        assertEquals("Release.gpg", garbage.source());
        assertTrue(empty.getMessage().contains("no signature"), empty.getMessage());
    }
}
