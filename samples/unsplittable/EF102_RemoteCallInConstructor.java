package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/**
 * EF102: remote calls where no continuation can be kept: in a constructor (the entity does not exist
 * yet) and in a static method (there is no entity to resume). Call from an instance method instead.
 */
@Entity
public class EF102_RemoteCallInConstructor {

    @Key
    private String id;

    public EF102_RemoteCallInConstructor(String id, Wallet w) {
        this.id = id;
        w.add(1); // expect: EF102
    }

    public static void helper(Wallet w) {
        w.add(1); // expect: EF102
    }
}
