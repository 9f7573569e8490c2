package dev.goldsmith.feeds.apt;

import java.util.Objects;

/**
 * The signed text of a cleartext-signed file such as InRelease, with who signed it.
 *
 * @param text       exactly what the signatures cover: the signed lines with dash-escaping undone and trailing
 *                   whitespace removed (the signature does not cover it), each ending in a line feed
 * @param signatures the verified signers and the signatures that did not count
 */
public record VerifiedText(String text, VerifiedSignatures signatures) {

    public VerifiedText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(signatures, "signatures");
    }
}
