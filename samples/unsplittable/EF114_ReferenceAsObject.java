package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/**
 * EF114: a value of an entity type is a reference to the entity (its type and key), not the entity
 * object. Turning it into text, or asking its class, would describe the reference; ask the entity
 * instead, with a method of its own.
 */
@Entity
public class EF114_ReferenceAsObject {

    @Key
    private String id;
    private Wallet wallet;
    private String note = "";

    public EF114_ReferenceAsObject(String id, Wallet wallet) {
        this.id = id;
        this.wallet = wallet;
    }

    public String describe() {
        return "wallet " + wallet; // expect: EF114
    }

    public void remember() {
        note += wallet; // expect: EF114
    }

    public String text() {
        return String.valueOf(wallet); // expect: EF114
    }

    public String kind() {
        return wallet.getClass().getSimpleName(); // expect: EF114
    }
}
