package dev.goldsmith.catalog.store;

import static dev.goldsmith.catalog.store.GitCli.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.VerificationResult;
import org.eclipse.jgit.api.VerifySignatureCommand.VerifyMode;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed commits and tags, checked by JGit's own OpenPGP verifier and by {@code git verify-commit} with a GnuPG home
 * that knows only the test's public key.
 */
class CommitSigningTest {

    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    static Path keys;

    private static Path secretKeyring;
    private static String keyId;
    private static Path gnupgHome;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKey() throws Exception {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        BcPGPKeyPair pair = new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, generator.generateKeyPair(),
                new Date(System.currentTimeMillis() - 60_000));
        PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
        PGPSignatureSubpacketGenerator flags = new PGPSignatureSubpacketGenerator();
        flags.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair,
                "Goldsmith Test <goldsmith@localhost>", sha1, flags.generate(), null,
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256),
                new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1)
                        .build(PASSPHRASE.toCharArray()));
        PGPSecretKeyRing secret = rings.generateSecretKeyRing();
        PGPPublicKeyRing publicRing = rings.generatePublicKeyRing();
        keyId = String.format("%016X", secret.getSecretKey().getKeyID());

        secretKeyring = keys.resolve("goldsmith-secret.asc");
        try (OutputStream out = ArmoredOutputStream.builder().build(Files.newOutputStream(secretKeyring))) {
            secret.encode(out);
        }
        // JGit's verifier reads public keys from the GnuPG home it finds when its key locator is first loaded.
        Path jgitHome = Files.createDirectories(keys.resolve("jgit-gnupg"));
        Files.write(jgitHome.resolve("pubring.gpg"), publicRing.getEncoded());
        System.setProperty("jgit.gpg.home", jgitHome.toString());

        Path publicKey = keys.resolve("goldsmith-public.gpg");
        Files.write(publicKey, publicRing.getEncoded());
        Path home = Files.createDirectories(keys.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Process gpg;
        try {
            gpg = new ProcessBuilder("gpg", "--homedir", home.toString(), "--batch", "--quiet", "--import",
                    publicKey.toString()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            // Without gpg, git cannot verify; JGit's verifier still checks every signature.
            return;
        }
        String out = new String(gpg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gpg.waitFor(), out);
        gnupgHome = home;
    }

    @Test
    void signedCommitsAndTagsVerifyAlsoAfterAPushReplayedThem() throws Exception {
        Path bare = dir.resolve("remote.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        GitRemote remote = new GitRemote(bare.toString(), 5, Duration.ofMillis(5));
        SigningKey key = new SigningKey(secretKeyring, "0x" + keyId.toLowerCase(Locale.ROOT), PASSPHRASE);

        try (GitStore a = GitStore.open(dir.resolve("a"), "main", "Writer A", "a@localhost", remote, key);
                GitStore b = GitStore.open(dir.resolve("b"), "main", "Writer B", "b@localhost", remote, null)) {
            RevCommit first = a.commit("web 1: built", "", Map.of("images/web/1/manifest.json", "{}\n"), List.of());
            a.tag(first, "web/1", "web 1 built");
            a.push();
            b.commit("db 1: built", "", Map.of("images/db/1/manifest.json", "{}\n"), List.of());
            b.push();
            RevCommit second = a.commit("web 2: built", "", Map.of("images/web/2/manifest.json", "{}\n"), List.of());
            a.tag(second, "web/2", "web 2 built");
            assertTrue(a.push().rebased(), "web 2 was replayed onto db 1 and must be signed again");
        }

        for (String name : List.of("web/1", "web/2")) {
            assertVerifiedByJgit(bare, name, VerifyMode.TAGS);
            assertVerifiedByJgit(bare, name + "^{commit}", VerifyMode.COMMITS);
            assertEquals(1, countSignatures(git(bare, "cat-file", "tag", name)), "one signature on moved tag " + name);
        }
        assertEquals(0, countSignatures(git(bare, "cat-file", "commit", "main~1")), "writer B does not sign");
        if (gnupgHome != null) {
            for (String name : List.of("web/1", "web/2")) {
                assertEquals(0, verifyWithGit(bare, "verify-tag", name), name);
                assertEquals(0, verifyWithGit(bare, "verify-commit", name + "^{commit}"), name);
            }
            assertFalse(verifyWithGit(bare, "verify-commit", "main~1") == 0, "writer B does not sign");
        }
    }

    @Test
    void unsignedStoreWritesNoSignature() throws Exception {
        try (GitStore store = GitStore.open(dir.resolve("plain"), "main", "Goldsmith", "g@localhost", null, null)) {
            store.commit("web 1: built", "", Map.of("a.txt", "a\n"), List.of());
        }
        assertEquals(0, countSignatures(git(dir.resolve("plain"), "cat-file", "commit", "HEAD")));
    }

    @Test
    void aKeyThatCannotBeLoadedStopsTheStoreFromOpeningAndSaysWhy() throws Exception {
        Path target = dir.resolve("never");
        Path garbage = Files.writeString(dir.resolve("garbage.asc"), "not a key\n");
        Path missing = dir.resolve("missing.asc");
        Map<SigningKey, String> cases = Map.of(
                new SigningKey(missing, keyId, PASSPHRASE), missing + ": no such file",
                new SigningKey(garbage, keyId, PASSPHRASE), garbage + ": not an OpenPGP secret keyring",
                new SigningKey(secretKeyring, keyId, "wrong"), secretKeyring + ": cannot unlock key " + keyId
                        + ": wrong passphrase or damaged key",
                new SigningKey(secretKeyring, "0123456789ABCDEF", PASSPHRASE), secretKeyring
                        + ": it has no secret key 0123456789ABCDEF; it holds " + keyId);

        cases.forEach((key, expected) -> {
            SigningKeyException failure = assertThrows(SigningKeyException.class,
                    () -> GitStore.open(target, "main", "Goldsmith", "g@localhost", null, key));
            assertTrue(failure.getMessage().startsWith("cannot load the commit signing key from " + expected),
                    failure.getMessage());
            assertFalse(failure.getMessage().contains(PASSPHRASE), "the passphrase never shows");
        });
        assertFalse(Files.exists(target), "nothing is created when the key cannot be loaded");
    }

    @Test
    void signingKeyNeverShowsItsPassphrase() {
        assertFalse(new SigningKey(secretKeyring, keyId, PASSPHRASE).toString().contains(PASSPHRASE));
        assertThrows(IllegalArgumentException.class, () -> new SigningKey(secretKeyring, "DEADBEEF", PASSPHRASE),
                "short key ids collide too easily to name a signing key");
    }

    private static void assertVerifiedByJgit(Path repository, String name, VerifyMode mode) throws Exception {
        try (Git git = Git.open(repository.toFile())) {
            Map<String, VerificationResult> results = git.verifySignature().addName(name).setMode(mode).call();
            VerificationResult result = results.get(name);
            assertNotNull(result, name);
            assertTrue(result.getException() == null, () -> name + ": " + result.getException());
            assertNotNull(result.getVerification(), name + " carries a signature");
            assertTrue(result.getVerification().verified(), () -> name + ": " + result.getVerification());
            assertTrue(result.getVerification().keyFingerprint().toUpperCase(Locale.ROOT).endsWith(keyId),
                    result.getVerification()::toString);
        }
    }

    private static int verifyWithGit(Path repository, String command, String name)
            throws IOException, InterruptedException {
        return GitCli.run(repository, Map.of("GNUPGHOME", gnupgHome.toString()), command, name).exitCode();
    }

    private static int countSignatures(String rawObject) {
        return (int) Arrays.stream(rawObject.split("\n")).filter(line -> line.contains("BEGIN PGP SIGNATURE"))
                .count();
    }
}
