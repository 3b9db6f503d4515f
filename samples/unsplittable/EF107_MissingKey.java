package unsplittable;

import io.entityflow.api.Entity;

/** EF107: an entity without a @Key field cannot be addressed. */
@Entity public class EF107_MissingKey { // expect: EF107

    private String name;

    public EF107_MissingKey(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }
}
