package dev.goldsmith.catalog.store;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the local repository from the configured remote, or points an existing one's {@code origin} at it. */
final class RemoteSetup {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteSetup.class);

    private RemoteSetup() {
    }

    /**
     * Clones {@code remote} into {@code dir} when it has {@code branch}; when it has not (a new, empty remote),
     * creates an empty repository on {@code branch} with {@code origin} set, so the first push creates the branch.
     *
     * <p>A remote that cannot be reached is an error: starting an empty history beside one that may exist out there
     * would only make conflicts for later.
     */
    static Git cloneOrInit(Path dir, String branch, GitRemote remote) throws IOException {
        Collection<Ref> heads;
        try {
            heads = Git.lsRemoteRepository().setRemote(remote.url()).setHeads(true).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw new IOException("cannot reach the Git remote " + remote.safeUrl() + " to clone it into " + dir
                    + ": " + remote.redact(e.getMessage()) + "; nothing was created, try again once it answers", e);
        }
        String branchRef = Constants.R_HEADS + branch;
        try {
            if (heads.stream().anyMatch(ref -> ref.getName().equals(branchRef))) {
                LOG.info("Cloning the audit repository from {} into {}", remote.safeUrl(), dir);
                return Git.cloneRepository().setURI(remote.url()).setDirectory(dir.toFile())
                        .setRemote(GitRemote.NAME).setBranch(branchRef).call();
            }
            LOG.info("The remote {} has no branch {} yet; starting an empty audit repository in {}",
                    remote.safeUrl(), branch, dir);
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call();
            git.remoteAdd().setName(GitRemote.NAME).setUri(new URIish(remote.url())).call();
            return git;
        } catch (GitAPIException | JGitInternalException | URISyntaxException e) {
            throw new IOException("cannot clone the Git remote " + remote.safeUrl() + " into " + dir + ": "
                    + remote.redact(e.getMessage()), e);
        }
    }

    /** Makes {@code origin} of an existing repository fetch from and push to {@code remote}. */
    static void pointOrigin(Git git, GitRemote remote) throws IOException {
        StoredConfig config = git.getRepository().getConfig();
        String current = config.getString("remote", GitRemote.NAME, "url");
        boolean fetches = config.getStringList("remote", GitRemote.NAME, "fetch").length > 0;
        if (remote.url().equals(current) && fetches) {
            return;
        }
        if (current != null && !remote.url().equals(current)) {
            // The old URL is not logged: it may carry credentials this GitRemote cannot redact.
            LOG.info("Remote {} of {} now points at {} instead of the URL it had", GitRemote.NAME,
                    git.getRepository().getDirectory(), remote.safeUrl());
            forgetTrackingRefs(git);
        }
        config.setString("remote", GitRemote.NAME, "url", remote.url());
        // The usual refspec: the queue is whatever the branch has beyond its remote-tracking ref.
        RefSpec tracking = new RefSpec().setForceUpdate(true).setSourceDestination(Constants.R_HEADS + "*",
                Constants.R_REMOTES + GitRemote.NAME + "/*");
        config.setStringList("remote", GitRemote.NAME, "fetch", List.of(tracking.toString()));
        config.save();
    }

    /**
     * Deletes what the old remote was last seen to have. The queue is measured against these refs, and another
     * remote may have none of that history; the next push's fetch records what the new one has.
     */
    private static void forgetTrackingRefs(Git git) throws IOException {
        RefDatabase refs = git.getRepository().getRefDatabase();
        for (Ref ref : refs.getRefsByPrefix(Constants.R_REMOTES + GitRemote.NAME + "/")) {
            RefUpdate delete = git.getRepository().updateRef(ref.getName());
            delete.setForceUpdate(true);
            RefUpdate.Result result = delete.delete();
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
                throw new IOException("cannot forget " + ref.getName() + " of the old remote: " + result);
            }
        }
    }
}
