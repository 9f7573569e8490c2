package dev.goldsmith.catalog.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the OpenPGP key that signs Goldsmith's commits and tags is kept.
 *
 * <p>{@link #toString()} never shows the passphrase.
 *
 * @param keyring    an OpenPGP secret keyring file, binary or ASCII-armoured ({@code gpg --export-secret-keys})
 * @param keyId      the signing key's 16-digit long key id or 40-digit fingerprint, {@code 0x} optional
 * @param passphrase the passphrase that unlocks the key; empty when the key is not protected
 */
public record SigningKey(Path keyring, String keyId, String passphrase) {

    private static final Pattern KEY_ID = Pattern.compile("(0[xX])?([0-9A-Fa-f]{16}|[0-9A-Fa-f]{40})");

    public SigningKey {
        Objects.requireNonNull(keyring, "keyring");
        Objects.requireNonNull(keyId, "keyId");
        passphrase = passphrase == null ? "" : passphrase;
        if (!isKeyId(keyId)) {
            throw new IllegalArgumentException("'" + keyId + "' is not a 16-digit key id or a 40-digit fingerprint");
        }
    }

    /** Returns whether {@code text} is a long key id or a fingerprint in hex, {@code 0x} optional. */
    public static boolean isKeyId(String text) {
        return text != null && KEY_ID.matcher(text).matches();
    }

    /** Returns the key id or fingerprint in upper-case hex without {@code 0x}. */
    String normalizedId() {
        String hex = keyId.startsWith("0x") || keyId.startsWith("0X") ? keyId.substring(2) : keyId;
        return hex.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyring + ", " + keyId + ", passphrase " + (passphrase.isEmpty() ? "none" : "***")
                + "]";
    }
}
