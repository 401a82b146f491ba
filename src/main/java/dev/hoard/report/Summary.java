package dev.hoard.report;

/** Totals of a run, printed last. */
public record Summary(long ok, long skipped, long failed, long bytes, long ms) {}
