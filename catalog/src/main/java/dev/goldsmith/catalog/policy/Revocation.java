package dev.goldsmith.catalog.policy;

import java.util.List;

import dev.goldsmith.catalog.state.ImageEntry.Moved;

/**
 * What one advisory did to the catalog under the revoke policy.
 *
 * @param revoked the versions it revoked, in the order to record them; each entry includes the ones before it of
 *                the same image
 * @param kept    one line per affected version that stays, saying why (no fix named, no newer stable version with
 *                the fix), for the caller to log
 */
public record Revocation(List<Moved> revoked, List<String> kept) {

    public Revocation {
        revoked = List.copyOf(revoked);
        kept = List.copyOf(kept);
    }
}
