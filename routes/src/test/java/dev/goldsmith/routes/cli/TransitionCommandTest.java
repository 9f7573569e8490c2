package dev.goldsmith.routes.cli;

import static dev.goldsmith.routes.cli.CatalogHistory.at;
import static dev.goldsmith.routes.cli.CatalogHistory.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.store.CatalogStore;
import dev.goldsmith.catalog.store.GitRemote;
import dev.goldsmith.catalog.store.GitStore;
import dev.goldsmith.routes.cli.CatalogHistory.Run;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code goldsmith promote}, {@code revoke} and {@code retire} on a real catalog history: each recorded transition is
 * one commit read back with plain {@code git log}, and a refusal writes nothing.
 */
class TransitionCommandTest {

    private static final Map<String, String> ALICE = Map.of("USER", "alice");
    private static final Clock NOON = Clock.fixed(at(5, 12, 0), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private CatalogHistory history;
    private String headBefore;
    private int commitsBefore;

    @BeforeEach
    void writeHistory() throws Exception {
        history = CatalogHistory.write(dir);
        headBefore = git(history.repository, "rev-parse", "HEAD");
        commitsBefore = commits(history.repository);
    }

    private Run run(Object command, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = history.config.toString();
        return CatalogHistory.run(command, all);
    }

    private static int commits(Path repository) throws Exception {
        return Integer.parseInt(git(repository, "rev-list", "--count", "HEAD").strip());
    }

    private String lastCommit(Path repository) throws Exception {
        return git(repository, "log", "-1", "--format=%s%n%(trailers)");
    }

    @Test
    void promoteRecordsOneCommitWithTheOperatorAndTheChannelsOfTheConfiguredBlueprint() throws Exception {
        Run run = run(new PromoteCommand(ALICE, NOON), "debian-12-web", "2026.12.03.1", "--reason",
                "imagemagick fix needed before the soak ends");

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertEquals(commitsBefore + 1, commits(history.repository));
        assertEquals("""
                debian-12-web 2026.12.03.1: promoted to stable (by alice: imagemagick fix needed before the soak ends)
                Image: debian-12-web
                Version: 2026.12.03.1
                Transition: testing -> stable
                Channel: stable 2026.12.01.1 -> 2026.12.03.1
                Channel: team-web none -> 2026.12.03.1
                Actor: operator alice

                """, lastCommit(history.repository));
        assertEquals(git(history.repository, "rev-parse", "HEAD"),
                git(history.repository, "rev-parse", "debian-12-web/2026.12.03.1^{commit}"), "the version is tagged");
        assertEquals("2026-12-05T12:00:00Z\n", git(history.repository, "log", "-1", "--date=iso-strict",
                "--format=%ad").replace("+00:00", "Z"));
        assertTrue(run.out().startsWith("debian-12-web 2026.12.03.1 promoted to stable by alice: imagemagick fix"
                + " needed before the soak ends\n  channel stable: 2026.12.01.1 -> 2026.12.03.1\n  channel team-web:"
                + " none -> 2026.12.03.1\ncommitted "), run.out());
        assertEquals("", git(history.repository, "status", "--porcelain"), "the work tree matches HEAD");
    }

    @Test
    void revokeMovesTheChannelOffTheVersionAndSaysWhoDidIt() throws Exception {
        Run run = run(new RevokeCommand(ALICE, NOON), "alma-9-build", "2026.12.01.1", "--reason",
                "ALSA-2026:38500 and no fixed build yet");

        assertEquals(0, run.exit(), run.err());
        assertEquals(commitsBefore + 1, commits(history.repository));
        assertEquals("""
                alma-9-build 2026.12.01.1: revoked (by alice: ALSA-2026:38500 and no fixed build yet)
                Image: alma-9-build
                Version: 2026.12.01.1
                Transition: stable -> revoked
                Channel: stable 2026.12.01.1 -> none
                Actor: operator alice

                """, lastCommit(history.repository));
        Run list = run(new CatalogCommand(Map.of()), "list");
        assertTrue(list.out().contains("\nalma-9-build   2026.12.01.1  revoked  none"), list.out());
    }

    @Test
    void retireOfAFailedVersionIsRecorded() throws Exception {
        Run run = run(new RetireCommand(ALICE, NOON), "alma-9-java", "2026.12.02.1", "--reason", "cleanup");

        assertEquals(0, run.exit(), run.err());
        assertEquals("alma-9-java 2026.12.02.1: retired (by alice: cleanup)\nImage: alma-9-java\nVersion: 2026.12.02.1"
                + "\nTransition: failed -> retired\nActor: operator alice\n\n", lastCommit(history.repository));
    }

    @Test
    void refusedTransitionExitsOneWithTheEnginesReasonAndWritesNothing() throws Exception {
        Run retire = run(new RetireCommand(ALICE, NOON), "debian-12-web", "2026.12.01.1", "--reason", "old");
        Run promote = run(new PromoteCommand(ALICE, NOON), "alma-9-build", "2026.12.01.1", "--reason", "again");
        Run unknown = run(new RevokeCommand(ALICE, NOON), "alma-9-build", "2026.12.09.1", "--reason", "typo");

        assertEquals(1, retire.exit());
        assertTrue(retire.err().startsWith("refused: ") && retire.err().contains("debian-12-web 2026.12.01.1")
                && retire.err().contains("from stable it can only go to"), retire.err());
        assertEquals(1, promote.exit());
        assertTrue(promote.err().contains("it is stable already"), promote.err());
        assertEquals(1, unknown.exit());
        assertEquals("refused: alma-9-build has no version 2026.12.09.1\n", unknown.err());
        assertEquals(headBefore, git(history.repository, "rev-parse", "HEAD"));
        assertEquals("", git(history.repository, "status", "--porcelain"));
    }

    @Test
    void reasonIsRequiredAndAMissingOneChangesNothing() throws Exception {
        Run run = run(new PromoteCommand(ALICE, NOON), "debian-12-web", "2026.12.03.1");

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("Missing required option: '--reason=TEXT'"), run.err());
        assertEquals(headBefore, git(history.repository, "rev-parse", "HEAD"));
    }

    @Test
    void unknownImageExitsOneNamingTheKnownOnes() throws Exception {
        Run run = run(new RevokeCommand(ALICE, NOON), "debian-12-mail", "2026.12.01.1", "--reason", "x");

        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("no image 'debian-12-mail' in the catalog in ")
                && run.err().contains("alma-9-build, alma-9-java, debian-12-web, rhel-9-curl"), run.err());
        assertEquals(headBefore, git(history.repository, "rev-parse", "HEAD"));
    }

    @Test
    void malformedVersionIsAUsageError() throws Exception {
        Run run = run(new RevokeCommand(ALICE, NOON), "alma-9-build", "latest", "--reason", "x");

        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("VERSION: ") && run.err().contains("latest"), run.err());
    }

    @Test
    void withARemoteTheCommitIsPushed() throws Exception {
        Path remote = dir.resolve("remote.git");
        git(dir, "clone", "--quiet", "--bare", history.repository.toString(), remote.toString());
        history.writeConfig("remote: " + remote);

        Run run = run(new PromoteCommand(ALICE, NOON), "debian-12-web", "2026.12.03.1", "--reason", "go");

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().endsWith("\npushed to " + remote + " (1 commit, tags debian-12-web/2026.12.03.1)\n"),
                run.out());
        assertEquals(git(history.repository, "rev-parse", "HEAD"), git(remote, "rev-parse", "main"));
        assertEquals(lastCommit(history.repository), lastCommit(remote));
        assertEquals(git(history.repository, "rev-parse", "HEAD"),
                git(remote, "rev-parse", "debian-12-web/2026.12.03.1^{commit}"));
    }

    @Test
    void withARemoteTheDecisionStartsFromWhatAnotherWriterPushed() throws Exception {
        Path remote = dir.resolve("remote.git");
        git(dir, "clone", "--quiet", "--bare", history.repository.toString(), remote.toString());
        history.writeConfig("remote: " + remote);
        try (GitStore bob = GitStore.open(dir.resolve("bob"), "main", "Bob", "bob@example.org",
                GitRemote.of(remote.toString()), null)) {
            CatalogStore store = new CatalogStore(bob);
            store.recordTransition(store.entry("alma-9-build").orElseThrow().transition(CatalogHistory.V1,
                    LifecycleState.REVOKED, at(5, 11, 0), "by bob: bad build"), "operator bob");
            bob.push();
        }

        Run run = run(new RetireCommand(ALICE, NOON), "alma-9-build", "2026.12.01.1", "--reason", "revoked by bob");

        assertEquals(0, run.exit(), run.err());
        assertEquals(commitsBefore + 2, commits(remote));
        assertEquals("Transition: revoked -> retired\nActor: operator alice\n\n",
                git(remote, "log", "-1", "--format=%(trailers:key=Transition)%(trailers:key=Actor)"));
    }

    @Test
    void withASigningKeyTheCommitAndTheTagAreSigned() throws Exception {
        Path keyring = dir.resolve("keys/goldsmith-secret.asc");
        String keyId = writeUnprotectedKey(keyring);
        history.writeConfig("sign: true\nsigning-key:\n  keyring: " + keyring + "\n  id: \"" + keyId + "\"");

        Run run = run(new PromoteCommand(ALICE, NOON), "debian-12-web", "2026.12.03.1", "--reason", "signed");

        assertEquals(0, run.exit(), run.err());
        assertTrue(git(history.repository, "cat-file", "commit", "HEAD").contains("\ngpgsig -----BEGIN PGP SIGNATURE"),
                "the commit is signed");
        assertTrue(git(history.repository, "cat-file", "tag", "debian-12-web/2026.12.03.1")
                .contains("-----BEGIN PGP SIGNATURE-----"), "the tag is signed");
    }

    /** Writes a new Ed25519 secret key without a passphrase to {@code file} and returns its key id. */
    private static String writeUnprotectedKey(Path file) throws Exception {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        BcPGPKeyPair pair = new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, generator.generateKeyPair(),
                new Date(System.currentTimeMillis() - 60_000));
        PGPSignatureSubpacketGenerator flags = new PGPSignatureSubpacketGenerator();
        flags.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        PGPSecretKeyRing secret = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair,
                "Goldsmith Test <goldsmith@example.org>",
                new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), flags.generate(), null,
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256), null)
                .generateSecretKeyRing();
        Files.createDirectories(file.getParent());
        try (OutputStream out = ArmoredOutputStream.builder().build(Files.newOutputStream(file))) {
            secret.encode(out);
        }
        return String.format("%016X", secret.getSecretKey().getKeyID());
    }

    @Test
    void pushThatFailsIsAWarningAndTheCommitStaysQueued() throws Exception {
        history.writeConfig("remote: " + dir.resolve("gone.git"));

        Run run = run(new RevokeCommand(ALICE, NOON), "alma-9-build", "2026.12.01.1", "--reason", "remote is down");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\ncommitted "), run.out());
        assertTrue(run.err().startsWith("warning: could not bring the catalog up to date with "), run.err());
        assertTrue(run.err().contains("\nwarning: the commit is recorded in " + history.repository + " but not"
                + " pushed: ") && run.err().contains("commits stay queued"), run.err());
        assertEquals(commitsBefore + 1, commits(history.repository));
        assertEquals("Transition: stable -> revoked\n\n",
                git(history.repository, "log", "-1", "--format=%(trailers:key=Transition)"));
    }
}
