package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** EF100: a missing semicolon; the parser cannot read the file, so nothing else in it is analysed. */
@Entity
public class EF100_SyntaxError {

    @Key
    private String id;

    public EF100_SyntaxError(String id) {
        this.id = id;
    }

    public int sum() {
        int x = 1 int y = 2; // expect: EF100
        return x + y;
    }
}
