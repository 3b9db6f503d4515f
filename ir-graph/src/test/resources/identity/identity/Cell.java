package identity;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

import java.util.ArrayList;
import java.util.List;

/** `this` leaving the entity: as an argument, in a collection, in a record. */
@Entity
public class Cell {
    @Key
    private String id;
    private final List<Cell> met = new ArrayList<>();
    private Pair last;

    public Cell(String id) {
        this.id = id;
    }

    public void introduce(Cell other) {
        other.meet(this);
    }

    public void meet(Cell c) {
        met.add(c);
    }

    public int introduceAll(Cell other) {
        return other.meetAll(List.of(this, this));
    }

    public int meetAll(List<Cell> cells) {
        met.addAll(cells);
        return met.size();
    }

    public void introducePair(Cell other) {
        other.meetPair(new Pair(this, 3));
    }

    public void meetPair(Pair p) {
        last = p;
        met.add(p.cell());
    }

    public boolean knows(Cell other) {
        return met.contains(other);
    }

    public boolean isKnownBy(Cell other) {
        return other.knows(this);
    }
}
