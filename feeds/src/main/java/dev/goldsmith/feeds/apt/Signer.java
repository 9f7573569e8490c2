package dev.goldsmith.feeds.apt;

import java.time.Instant;

/**
 * A key whose signature verified.
 *
 * @param keyId              the signing key's 16-hex-digit key id, as in {@code gpgv}'s "using RSA key" line
 * @param fingerprint        the signing key's fingerprint, upper-case hex; a subkey's own fingerprint when a subkey
 *                           signed
 * @param primaryFingerprint the fingerprint of the certificate's primary key (equal to {@code fingerprint} when the
 *                           primary key signed)
 * @param userId             the certificate's primary user id, such as
 *                           {@code Debian Archive Automatic Signing Key (12/bookworm) <ftpmaster@debian.org>}
 * @param signedAt           the signature's creation time
 */
public record Signer(String keyId, String fingerprint, String primaryFingerprint, String userId, Instant signedAt) {
}
