package dev.kiln;

/**
 * Maven dependencies could not be resolved or added to a worker: the message names the
 * coordinate, says why (no such artifact, a repository out of reach, offline) and which
 * repositories were tried, and what to do. A worker that was to gain them is unchanged.
 */
public class DependencyException extends KilnException {
    public DependencyException(String message) {
        super(message);
    }
}
