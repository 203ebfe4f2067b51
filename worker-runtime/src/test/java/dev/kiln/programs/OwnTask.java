package dev.kiln.programs;

import dev.kiln.RemoteCallable;

/**
 * A program's own class in a package under {@code dev.kiln} that is not Kiln's (as a tool or a
 * benchmark built on Kiln has): its lambdas must reach a worker like any other class's.
 */
public final class OwnTask {
    private OwnTask() {}

    /** A lambda whose capturing class is this one, which only the host has. */
    public static RemoteCallable<String> greeting(String who) {
        return () -> "hello " + who + " from " + OwnTask.class.getName();
    }
}
