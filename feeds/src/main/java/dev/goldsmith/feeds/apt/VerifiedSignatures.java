package dev.goldsmith.feeds.apt;

import java.util.List;

/**
 * The outcome of a signature check that passed.
 *
 * @param signers the keys whose signatures verified, in the order the signatures appear; never empty
 * @param ignored why each other signature did not count, such as {@code unknown key 6ED0E7B82643E131}; empty when
 *                every signature verified
 */
public record VerifiedSignatures(List<Signer> signers, List<String> ignored) {

    public VerifiedSignatures {
        signers = List.copyOf(signers);
        ignored = List.copyOf(ignored);
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("a verified file has at least one signer");
        }
    }
}
