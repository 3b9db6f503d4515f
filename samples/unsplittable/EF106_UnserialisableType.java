package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** EF106: state and parameter types that cannot be serialised: Object, a thread, a stream. */
@Entity
public class EF106_UnserialisableType {

    @Key
    private String id;
    private Object blob; // expect: EF106
    private Thread worker; // expect: EF106
    private boolean loaded;

    public EF106_UnserialisableType(String id) {
        this.id = id;
    }

    public void load(java.io.InputStream in) { // expect: EF106
        loaded = in != null;
    }
}
