package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

import java.util.ArrayList;
import java.util.List;

/** A clean helper entity for EF204: keeps the lists it is given. */
@Entity
public class Ledger {

    @Key
    private String id;
    private final List<Integer> kept = new ArrayList<>();

    public Ledger(String id) {
        this.id = id;
    }

    public int keep(List<Integer> amounts) {
        kept.addAll(amounts);
        return kept.size();
    }
}
