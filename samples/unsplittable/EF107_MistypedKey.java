package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** EF107: a @Key of type double; keys are String, int or long. */
@Entity
public class EF107_MistypedKey {

    @Key private double id; // expect: EF107

    public EF107_MistypedKey(double id) {
        this.id = id;
    }
}
