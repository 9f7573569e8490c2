package dev.goldsmith.routes.events;

/**
 * Thrown by a consuming route whose work was given up because Goldsmith is stopping: the record is neither
 * dead-lettered nor committed, so the next start takes it again from the topic.
 */
public final class WorkAbandonedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorkAbandonedException(String message) {
        super(message);
    }
}
