package dev.goldsmith.catalog.store;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local commits the remote does not have yet, and the push that sends them.
 *
 * <p>The queue is not stored anywhere of its own: it is what the local branch has beyond
 * {@code refs/remotes/origin/<branch>}, so it survives a restart as the repository does.
 *
 * <p>A push fetches the remote branch, replays the queued commits on top of it when another writer got there first,
 * and sends the branch and the tags the remote lacks in one atomic push. Replaying happens in memory, commit by
 * commit, and refs move only when every commit replayed cleanly: a conflict changes nothing, so no commit can be lost
 * and no half-done rebase is left behind. Tags on replayed commits move to the new commits, keeping their name,
 * message and tagger. A push the remote refuses because its branch moved again is retried, with backoff.
 */
final class PushQueue {

    private static final Logger LOG = LoggerFactory.getLogger(PushQueue.class);
    private static final long MAX_BACKOFF_MILLIS = 60_000;
    private static final int MAX_REPLACEMENTS = 10_000;

    private final Git git;
    private final String branchRef;
    private final String trackingRef;
    private final GitRemote remote;
    private final CommitSigning signing;
    private final PersonIdent committer;
    private final Object repositoryLock;
    private final Object pushLock = new Object();

    /** Commits replayed by this process, old id to new, so a tag asked for an old commit lands on its successor. */
    private final Map<ObjectId, ObjectId> replacements = new ConcurrentHashMap<>();

    private volatile Instant lastAttempt;
    private volatile Instant lastSuccess;
    private volatile String lastError;

    /**
     * Creates the queue of {@code branch}.
     *
     * @param repositoryLock held while refs and the work tree change, the lock the store's commits hold too
     * @param signing        signs replayed commits and moved tags, or null
     */
    PushQueue(Git git, String branch, GitRemote remote, CommitSigning signing, PersonIdent committer,
            Object repositoryLock) {
        this.git = git;
        this.branchRef = Constants.R_HEADS + branch;
        this.trackingRef = Constants.R_REMOTES + GitRemote.NAME + "/" + branch;
        this.remote = remote;
        this.signing = signing;
        this.committer = committer;
        this.repositoryLock = repositoryLock;
    }

    /** Returns the commits the remote does not have, oldest first. */
    List<PendingCommit> pending() throws IOException {
        Repository repository = git.getRepository();
        ObjectId local = repository.resolve(branchRef);
        if (local == null) {
            return List.of();
        }
        List<PendingCommit> pending = new ArrayList<>();
        for (RevCommit commit : unpushed(local, repository.resolve(trackingRef))) {
            pending.add(new PendingCommit(commit.name(), commit.getShortMessage(),
                    commit.getAuthorIdent().getWhenAsInstant()));
        }
        return pending;
    }

    /** Returns the commit that replaced {@code commit} in a rebase of this process, or {@code commit} itself. */
    ObjectId replacementOf(ObjectId commit) {
        ObjectId current = commit.copy();
        for (ObjectId next = replacements.get(current); next != null; next = replacements.get(next)) {
            current = next;
        }
        return current;
    }

    /** Returns the last push's outcome and the current queue length. */
    PushStatus status() throws IOException {
        return new PushStatus(lastAttempt, lastSuccess, lastError, pending().size());
    }

    /**
     * Sends the queued commits and their tags to the remote.
     *
     * @throws RebaseConflictException when a queued commit and the remote changed the same files
     * @throws PushException           when the remote cannot be reached, refuses, or keeps moving for every attempt
     */
    PushResult push() throws IOException {
        synchronized (pushLock) {
            lastAttempt = Instant.now();
            try {
                PushResult result = pushWithRetries();
                lastSuccess = Instant.now();
                lastError = null;
                return result;
            } catch (IOException | RuntimeException e) {
                lastError = e.getMessage();
                throw e;
            }
        }
    }

    private PushResult pushWithRetries() throws IOException {
        boolean rebased = false;
        int received = 0;
        for (int attempt = 1; ; attempt++) {
            Map<String, ObjectId> remoteTags = fetch();
            Plan plan;
            synchronized (repositoryLock) {
                CatchUp caught = catchUp();
                rebased |= caught.replayed();
                received += caught.received();
                plan = plan(remoteTags);
            }
            if (plan.isEmpty()) {
                return new PushResult(0, List.of(), attempt, rebased, received);
            }
            String refusal = send(plan);
            if (refusal == null) {
                LOG.info("Pushed {} commits and {} tags to {} ({} attempts)", plan.commits(), plan.tags().size(),
                        remote.safeUrl(), attempt);
                return new PushResult(plan.commits(), plan.tags(), attempt, rebased, received);
            }
            if (attempt >= remote.pushAttempts()) {
                throw new PushException("gave up pushing to " + remote.safeUrl() + " after " + attempt
                        + " attempts, the last refused because " + refusal + "; " + plan.commits()
                        + " commits stay queued", null);
            }
            LOG.info("Push to {} refused because {}; fetching and trying again", remote.safeUrl(), refusal);
            pause(attempt);
        }
    }

    /** Fetches the remote's branches into the remote-tracking refs and returns the tags it has, by ref name. */
    private Map<String, ObjectId> fetch() throws PushException {
        FetchResult result;
        try {
            result = git.fetch().setRemote(GitRemote.NAME).setTagOpt(TagOpt.AUTO_FOLLOW)
                    .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + "*:" + Constants.R_REMOTES
                            + GitRemote.NAME + "/*"))
                    .call();
        } catch (GitAPIException | JGitInternalException e) {
            throw unreachable("fetch from", e);
        }
        Map<String, ObjectId> tags = new HashMap<>();
        for (Ref ref : result.getAdvertisedRefs()) {
            if (ref.getName().startsWith(Constants.R_TAGS) && !ref.getName().endsWith("^{}")) {
                tags.put(ref.getName(), ref.getObjectId());
            }
        }
        return tags;
    }

    private PushException unreachable(String what, Exception e) {
        int queued;
        try {
            queued = pending().size();
        } catch (IOException notCounted) {
            queued = -1;
        }
        return new PushException("cannot " + what + " " + remote.safeUrl() + ": " + remote.redact(e.getMessage())
                + "; " + (queued < 0 ? "the" : String.valueOf(queued)) + " commits stay queued", e);
    }

    /**
     * Brings the local branch on top of the remote one: takes the remote's commits when the local branch has none
     * of its own, replays the local ones onto them otherwise.
     */
    private CatchUp catchUp() throws IOException {
        Repository repository = git.getRepository();
        ObjectId remoteTip = repository.resolve(trackingRef);
        ObjectId localTip = repository.resolve(branchRef);
        if (remoteTip == null || remoteTip.equals(localTip)) {
            return new CatchUp(0, false);
        }
        int received = localTip == null ? unpushed(remoteTip, null).size() : unpushed(remoteTip, localTip).size();
        if (received == 0) {
            return new CatchUp(0, false);
        }
        if (localTip == null || isAncestor(localTip, remoteTip)) {
            moveRefs(localTip, remoteTip, List.of());
            return new CatchUp(received, false);
        }
        replay(localTip, remoteTip);
        return new CatchUp(received, true);
    }

    private boolean isAncestor(ObjectId commit, ObjectId of) throws IOException {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            return walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(of));
        }
    }

    /** Replays the commits on {@code localTip} that {@code remoteTip} lacks onto it, then moves refs at once. */
    private void replay(ObjectId localTip, ObjectId remoteTip) throws IOException {
        Repository repository = git.getRepository();
        List<RevCommit> queued = unpushed(localTip, remoteTip);
        Map<ObjectId, ObjectId> rewritten = new HashMap<>();
        ObjectId tip = remoteTip;
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId emptyTree = inserter.insert(Constants.OBJ_TREE, new byte[0]);
            for (RevCommit commit : queued) {
                ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repository, true);
                merger.setBase(commit.getParentCount() == 0 ? emptyTree : commit.getParent(0));
                if (!merger.merge(tip, commit)) {
                    throw conflict(commit, merger, queued.size());
                }
                CommitBuilder builder = new CommitBuilder();
                builder.setTreeId(merger.getResultTreeId());
                builder.setParentId(tip);
                builder.setAuthor(commit.getAuthorIdent());
                builder.setCommitter(new PersonIdent(committer, Instant.now()));
                builder.setEncoding(commit.getEncoding());
                builder.setMessage(commit.getFullMessage());
                sign(builder, builder.getCommitter());
                tip = inserter.insert(builder);
                rewritten.put(commit.copy(), tip);
            }
            List<ReceiveCommand> tagMoves = moveTags(rewritten, inserter);
            inserter.flush();
            moveRefs(localTip, tip, tagMoves);
            if (replacements.size() > MAX_REPLACEMENTS) {
                // Nobody holds on to a commit through that many rebases; forget the oldest generations.
                replacements.clear();
            }
            replacements.putAll(rewritten);
            LOG.info("Replayed {} queued commits onto {} and moved {} tags with them", queued.size(),
                    Repository.shortenRefName(trackingRef), tagMoves.size());
        }
    }

    private RebaseConflictException conflict(RevCommit commit, ResolveMerger merger, int queued) {
        Set<String> paths = new TreeSet<>(merger.getUnmergedPaths());
        if (merger.getFailingPaths() != null) {
            paths.addAll(merger.getFailingPaths().keySet());
        }
        List<String> sorted = List.copyOf(paths);
        return new RebaseConflictException("cannot replay commit " + commit.abbreviate(10).name() + " '"
                + commit.getShortMessage() + "' onto " + Repository.shortenRefName(trackingRef)
                + ": both changed " + String.join(", ", sorted) + "; nothing was pushed or rewritten, " + queued
                + " commits stay queued until the conflict is resolved", commit.name(), commit.getShortMessage(),
                sorted);
    }

    /** Returns the ref updates that re-point every tag on a rewritten commit to its new commit. */
    private List<ReceiveCommand> moveTags(Map<ObjectId, ObjectId> rewritten, ObjectInserter inserter)
            throws IOException {
        Repository repository = git.getRepository();
        List<ReceiveCommand> moves = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                Ref peeled = repository.getRefDatabase().peel(ref);
                boolean annotated = peeled.getPeeledObjectId() != null;
                ObjectId target = annotated ? peeled.getPeeledObjectId() : peeled.getObjectId();
                ObjectId replacement = rewritten.get(target);
                if (replacement == null) {
                    continue;
                }
                ObjectId newId = replacement;
                if (annotated) {
                    RevTag old = walk.parseTag(ref.getObjectId());
                    TagBuilder tag = new TagBuilder();
                    tag.setObjectId(replacement, Constants.OBJ_COMMIT);
                    tag.setTag(old.getTagName());
                    tag.setTagger(old.getTaggerIdent());
                    tag.setMessage(old.getFullMessage());
                    sign(tag, old.getTaggerIdent());
                    newId = inserter.insert(tag);
                }
                moves.add(new ReceiveCommand(ref.getObjectId(), newId, ref.getName()));
            }
        }
        return moves;
    }

    private void sign(org.eclipse.jgit.lib.ObjectBuilder object, PersonIdent signer) throws IOException {
        if (signing == null) {
            return;
        }
        try {
            signing.signObject(git.getRepository(), signing.gpgConfig(), object, signer, signing.keyId(), null);
        } catch (GitAPIException e) {
            throw new IOException("cannot sign a replayed object with key " + signing.keyId() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Moves the branch from {@code from} (null: it does not exist yet) to {@code to} and the tags as given, all in
     * one atomic ref transaction, then brings the index and work tree to the new branch tip.
     */
    private void moveRefs(ObjectId from, ObjectId to, List<ReceiveCommand> tagMoves) throws IOException {
        Repository repository = git.getRepository();
        BatchRefUpdate batch = repository.getRefDatabase().newBatchUpdate();
        batch.setAtomic(repository.getRefDatabase().performsAtomicTransactions());
        batch.setAllowNonFastForwards(true);
        batch.setRefLogIdent(new PersonIdent(committer, Instant.now()));
        batch.setRefLogMessage("goldsmith: on top of " + Repository.shortenRefName(trackingRef), false);
        batch.addCommand(new ReceiveCommand(from == null ? ObjectId.zeroId() : from, to, branchRef));
        batch.addCommand(tagMoves);
        try (RevWalk walk = new RevWalk(repository)) {
            batch.execute(walk, NullProgressMonitor.INSTANCE);
        }
        for (ReceiveCommand command : batch.getCommands()) {
            if (command.getResult() != ReceiveCommand.Result.OK) {
                String detail = command.getMessage() == null ? "" : " " + command.getMessage();
                throw new IOException("cannot move " + command.getRefName() + " to " + command.getNewId().name()
                        + ": " + command.getResult() + detail);
            }
        }
        if (branchRef.equals(repository.getFullBranch())) {
            try {
                git.reset().setMode(ResetType.HARD).call();
            } catch (GitAPIException e) {
                throw new IOException("cannot check out " + branchRef + " after moving it: " + e.getMessage(), e);
            }
        }
    }

    /** Decides what to send: the branch if it has unpushed commits, and every tag the remote lacks on it. */
    private Plan plan(Map<String, ObjectId> remoteTags) throws IOException {
        Repository repository = git.getRepository();
        ObjectId localTip = repository.resolve(branchRef);
        if (localTip == null) {
            return new Plan(0, List.of());
        }
        ObjectId remoteTip = repository.resolve(trackingRef);
        List<RevCommit> unpushed = unpushed(localTip, remoteTip);
        Set<ObjectId> onBranch = new HashSet<>();
        unpushed.forEach(commit -> onBranch.add(commit.copy()));
        List<String> tags = new ArrayList<>();
        for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
            ObjectId theirs = remoteTags.get(ref.getName());
            if (ref.getObjectId().equals(theirs)) {
                continue;
            }
            if (theirs != null) {
                LOG.warn("Tag {} differs on {}; keeping both as they are and not pushing it",
                        Repository.shortenRefName(ref.getName()), remote.safeUrl());
                continue;
            }
            Ref peeled = repository.getRefDatabase().peel(ref);
            ObjectId target = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId();
            if (onBranch.contains(target) || (remoteTip != null && isCommitOnBranch(target, remoteTip))) {
                tags.add(ref.getName());
            }
        }
        return new Plan(unpushed.size(), tags);
    }

    private boolean isCommitOnBranch(ObjectId target, ObjectId tip) throws IOException {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            RevObject object = walk.parseAny(target);
            return object instanceof RevCommit commit && walk.isMergedInto(commit, walk.parseCommit(tip));
        }
    }

    /**
     * Pushes the plan atomically. Returns null when the remote took it, or why it refused when it refused because
     * its refs moved since the fetch, which another round can fix.
     *
     * @throws PushException when the remote cannot be reached or refuses for another reason
     */
    private String send(Plan plan) throws PushException {
        List<RefSpec> specs = new ArrayList<>();
        if (plan.commits() > 0) {
            specs.add(new RefSpec(branchRef + ":" + branchRef));
        }
        plan.tags().forEach(tag -> specs.add(new RefSpec(tag + ":" + tag)));
        Iterable<org.eclipse.jgit.transport.PushResult> results;
        try {
            results = git.push().setRemote(GitRemote.NAME).setRefSpecs(specs).setAtomic(true).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw unreachable("push to", e);
        }
        Map<String, String> retryable = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        Map<String, String> aborted = new LinkedHashMap<>();
        for (org.eclipse.jgit.transport.PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                String message = update.getMessage() == null ? "" : update.getMessage();
                String why = update.getStatus() + (message.isEmpty() ? "" : " (" + message + ")");
                switch (update.getStatus()) {
                    case OK, UP_TO_DATE -> {
                    }
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> retryable.put(update.getRemoteName(), why);
                    default -> {
                        if (message.toLowerCase(Locale.ROOT).contains("lock")) {
                            // Another writer's push holds the ref's lock on the remote right now.
                            retryable.put(update.getRemoteName(), why);
                        } else if (message.contains("transaction aborted")) {
                            aborted.put(update.getRemoteName(), why);
                        } else {
                            refused.put(update.getRemoteName(), why);
                        }
                    }
                }
            }
        }
        if (!retryable.isEmpty()) {
            // In an atomic push the other refs of a refused one are aborted; the retryable ones say why.
            return "another writer got there first: " + describe(retryable);
        }
        if (!refused.isEmpty() || !aborted.isEmpty()) {
            throw new PushException("the remote " + remote.safeUrl() + " refused the push: "
                    + describe(refused.isEmpty() ? aborted : refused) + "; the commits stay queued", null);
        }
        return null;
    }

    private static String describe(Map<String, String> updates) {
        List<String> parts = new ArrayList<>();
        updates.forEach((ref, why) -> parts.add(Repository.shortenRefName(ref) + " " + why));
        return String.join(", ", parts);
    }

    /** Returns the commits reachable from {@code local} but not from {@code remoteTip} (if any), oldest first. */
    private List<RevCommit> unpushed(ObjectId local, ObjectId remoteTip) throws IOException {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(walk.parseCommit(local));
            if (remoteTip != null) {
                walk.markUninteresting(walk.parseCommit(remoteTip));
            }
            List<RevCommit> commits = new ArrayList<>();
            for (RevCommit commit : walk) {
                commits.add(commit);
            }
            return commits;
        }
    }

    private void pause(int attempt) throws PushException {
        long base = remote.backoff().toMillis() << Math.min(attempt - 1, 20);
        long wait = Math.min(base + ThreadLocalRandom.current().nextLong(base / 2 + 1), MAX_BACKOFF_MILLIS);
        try {
            Thread.sleep(Duration.ofMillis(wait).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushException("interrupted while waiting to push to " + remote.safeUrl()
                    + " again; the commits stay queued", e);
        }
    }

    /** What catching up with the remote did: how many of its commits came in, and whether local ones were replayed. */
    private record CatchUp(int received, boolean replayed) {
    }

    /** What one round sends: how many commits the branch adds, and which tags. */
    private record Plan(int commits, List<String> tags) {

        boolean isEmpty() {
            return commits == 0 && tags.isEmpty();
        }
    }
}
