package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/**
 * EF110 and EF112: Gadget is declared nowhere, so the field's type is unresolved (EF112) and the
 * compiler cannot tell whether gadget.spin() is a remote call (EF110).
 */
@Entity
public class EF110_UnresolvedCallTarget {

    @Key
    private String id;
    private Gadget gadget; // expect: EF112

    public EF110_UnresolvedCallTarget(String id) {
        this.id = id;
    }

    public void use() {
        gadget.spin(); // expect: EF110
    }
}
