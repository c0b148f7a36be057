package dev.scry.planner.drift;

/**
 * Where a monitored feature is read from a baseline query's row: field {@code field}, and for an ARRAY
 * column its element {@code element} (from 0; -1 for a scalar column). {@code position} is the
 * feature's as {@link FeatureProfile} names it.
 */
public record FeatureColumn(String input, int position, int field, int element) {}
