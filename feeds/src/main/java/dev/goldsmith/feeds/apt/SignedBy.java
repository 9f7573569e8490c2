package dev.goldsmith.feeds.apt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The keys a sources entry trusts for its repository, from its {@code Signed-By} option: keyring files, key
 * fingerprints (which narrow the keyrings to those keys), or one inline ASCII-armored key block. Keyring paths are
 * already resolved against the root directory the sources were read from.
 *
 * @param keyrings     keyring files, binary or armored
 * @param fingerprints fingerprints of the only keys accepted; empty when every key in the keyrings is
 * @param inlineKey    an ASCII-armored public key block given in place of keyring files; null when none
 */
public record SignedBy(List<Path> keyrings, List<String> fingerprints, String inlineKey) {

    public SignedBy {
        keyrings = List.copyOf(keyrings);
        fingerprints = List.copyOf(fingerprints);
    }

    /** Returns the keys of one keyring file. */
    public static SignedBy keyring(Path keyring) {
        return new SignedBy(List.of(keyring), List.of(), null);
    }

    /**
     * Returns a verifier trusting exactly these keys.
     *
     * @throws IOException when a keyring cannot be read, or the keys named cannot be found
     */
    public OpenPgpVerifier verifier() throws IOException {
        OpenPgpVerifier verifier;
        if (inlineKey != null) {
            verifier = OpenPgpVerifier.fromBytes(inlineKey.getBytes(StandardCharsets.US_ASCII), "inline Signed-By key");
        } else if (!keyrings.isEmpty()) {
            verifier = OpenPgpVerifier.load(keyrings);
        } else {
            throw new IOException("no keyring to verify with: Signed-By names only fingerprints " + fingerprints
                    + " and no trusted keyring was found");
        }
        if (fingerprints.isEmpty()) {
            return verifier;
        }
        try {
            return verifier.restrictedTo(fingerprints);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
