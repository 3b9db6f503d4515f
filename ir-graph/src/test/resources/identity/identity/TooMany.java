package identity;

/** A subclass, caught by its superclass's clause. */
public class TooMany extends Refused {
    private final int limit;

    public TooMany(int asked, int limit) {
        super("asked " + asked, asked - limit);
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
