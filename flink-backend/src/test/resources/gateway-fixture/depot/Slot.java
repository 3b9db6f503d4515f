package depot;

/** A record holding an entity reference, so arguments nest references inside values. */
public record Slot(Crate crate, int count) {
    public Slot {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }
}
