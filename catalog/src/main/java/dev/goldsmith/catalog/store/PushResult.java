package dev.goldsmith.catalog.store;

import java.util.List;

/**
 * What one successful push sent.
 *
 * @param commits    how many commits the remote branch gained from this store
 * @param tags       the tags pushed, by name
 * @param attempts   how many fetch-rebase-push rounds it took, at least 1
 * @param rebased    whether local commits were rewritten onto commits another writer had pushed
 * @param received   how many commits of other writers the local branch and work tree took in; when above zero, what
 *                   was read from the work tree before may be out of date
 */
public record PushResult(int commits, List<String> tags, int attempts, boolean rebased, int received) {

    public PushResult {
        tags = List.copyOf(tags);
    }
}
