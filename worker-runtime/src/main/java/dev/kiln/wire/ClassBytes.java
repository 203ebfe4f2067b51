package dev.kiln.wire;

/** A class file to load in the worker. */
public record ClassBytes(String name, byte[] bytes) {}
