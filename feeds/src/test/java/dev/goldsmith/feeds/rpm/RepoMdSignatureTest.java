package dev.goldsmith.feeds.rpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.goldsmith.feeds.FeedException;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoMdSignatureTest {

    private static final String ASC = "https://mirror.example/el9/repodata/repomd.xml.asc";

    private static TestKey repoKey;
    private static TestKey strangerKey;
    private static byte[] repomd;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeKeysAndCopyRepomd() throws Exception {
        repoKey = TestKey.generate("Goldsmith Test Repository <repo@example.invalid>");
        strangerKey = TestKey.generate("Someone Else <stranger@example.invalid>");
        repomd = Fixtures.bytes(Fixtures.GENERATED_GZ + "repomd.xml");
    }

    @Test
    void acceptsArmoredSignatureByTrustedKeyAndNamesTheKey() throws Exception {
        RepoMdSignature verifier = trusting(repoKey);

        String fingerprint = verifier.verify(repomd, repoKey.signArmored(repomd), ASC);

        assertEquals(repoKey.fingerprint(), fingerprint);
    }

    @Test
    void acceptsBinarySignatureWithKeysReadFromFile() throws Exception {
        Path keyFile = Files.write(dir.resolve("RPM-GPG-KEY-test"), repoKey.armoredPublicKey());
        RepoMdSignature verifier = RepoMdSignature.trusting(keyFile);

        String fingerprint = verifier.verify(repomd, repoKey.signBinary(repomd, HashAlgorithmTags.SHA512), ASC);

        assertEquals(repoKey.fingerprint(), fingerprint);
    }

    @Test
    void rejectsRepomdWithOneByteChanged() throws Exception {
        byte[] signature = repoKey.signArmored(repomd);
        byte[] tampered = repomd.clone();
        int at = new String(repomd, StandardCharsets.US_ASCII).indexOf("1700000000");
        tampered[at] = '2';

        FeedException e = assertThrows(FeedException.class, () -> trusting(repoKey).verify(tampered, signature, ASC));

        assertEquals(FeedException.Kind.SIGNATURE, e.kind());
        assertEquals(ASC, e.source());
        assertTrue(e.getMessage().contains("signature by " + repoKey.fingerprint() + " does not match the content"),
                e.getMessage());
    }

    @Test
    void rejectsSignatureByKeyThatIsNotTrusted() throws Exception {
        byte[] signature = strangerKey.signArmored(repomd);

        FeedException e = assertThrows(FeedException.class, () -> trusting(repoKey).verify(repomd, signature, ASC));

        assertEquals(FeedException.Kind.SIGNATURE, e.kind());
        // A v4 signature names its issuer by key id, the last 16 hex digits of the fingerprint.
        String strangerKeyId = strangerKey.fingerprint().substring(24);
        assertTrue(e.getMessage().contains("key " + strangerKeyId + ", which is not a trusted key"), e.getMessage());
    }

    @Test
    void acceptsFileWithOneUntrustedAndOneTrustedSignature() throws Exception {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(strangerKey.signBinary(repomd, HashAlgorithmTags.SHA256));
        both.write(repoKey.signBinary(repomd, HashAlgorithmTags.SHA256));

        assertEquals(repoKey.fingerprint(), trusting(repoKey).verify(repomd, both.toByteArray(), ASC));
    }

    @Test
    void rejectsMissingSignature() {
        FeedException e = assertThrows(FeedException.class, () -> trusting(repoKey).verify(repomd, null, ASC));

        assertEquals(FeedException.Kind.SIGNATURE, e.kind());
        assertTrue(e.getMessage().startsWith(ASC + ": signature over repomd.xml is missing"), e.getMessage());
    }

    @Test
    void rejectsBytesThatAreNoSignature() {
        byte[] html = "<html>404 Not Found</html>".getBytes(StandardCharsets.US_ASCII);

        FeedException e = assertThrows(FeedException.class, () -> trusting(repoKey).verify(repomd, html, ASC));

        assertEquals(FeedException.Kind.SIGNATURE, e.kind());
    }

    @Test
    void rejectsSha1SignatureEvenByTrustedKey() throws Exception {
        byte[] signature = repoKey.signBinary(repomd, HashAlgorithmTags.SHA1);

        FeedException e = assertThrows(FeedException.class, () -> trusting(repoKey).verify(repomd, signature, ASC));

        assertTrue(e.getMessage().contains("weak hash algorithm"), e.getMessage());
    }

    @Test
    void refusesKeyFileWithoutKeysAndNamesIt() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("RPM-GPG-KEY-broken"), "not a key\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RepoMdSignature.trusting(notAKey));

        assertTrue(e.getMessage().startsWith(notAKey.toString()), e.getMessage());
    }

    private static RepoMdSignature trusting(TestKey key) throws Exception {
        return RepoMdSignature.trusting(new ByteArrayInputStream(key.armoredPublicKey()), "test key");
    }
}
