package identity;

/** A record holding an entity reference. */
public record Pair(Cell cell, int n) {
}
