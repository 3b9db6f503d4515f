package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

import java.util.ArrayList;
import java.util.List;

/**
 * EF204 (warning): values are copied between entities. A list changed after it was passed to another
 * entity does not change there; a public method that changes a list it received changes its own copy.
 */
@Entity
public class EF204_SharingAcrossEntities {

    @Key
    private String id;
    private Ledger ledger;

    public EF204_SharingAcrossEntities(String id, Ledger ledger) {
        this.id = id;
        this.ledger = ledger;
    }

    public void passThenChange() {
        List<Integer> amounts = new ArrayList<>();
        amounts.add(1);
        ledger.keep(amounts);
        amounts.add(2); // expect: EF204
    }

    public void changeWhatWasReceived(List<Integer> amounts) {
        amounts.clear(); // expect: EF204
    }
}
