package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;
import io.entityflow.api.Transactional;

/**
 * EF203 (warning): random numbers and clock reads in @Transactional methods; a retried transaction
 * would see different values. Pass them in as arguments instead.
 */
@Entity
public class EF203_NonDeterministicCall {

    @Key
    private String id;
    private double luck;
    private long stamp;

    public EF203_NonDeterministicCall(String id) {
        this.id = id;
    }

    @Transactional
    public void roll() {
        luck = Math.random(); // expect: EF203
    }

    @Transactional
    public void touch() {
        stamp = System.currentTimeMillis(); // expect: EF203
    }
}
