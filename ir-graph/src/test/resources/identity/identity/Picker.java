package identity;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** Catches what its shelves throw, by class, superclass and through several hops. */
@Entity
public class Picker {
    @Key
    private String id;
    private int missed;
    private int taken;
    private String lastItem = "";

    public Picker(String id) {
        this.id = id;
    }

    public int pick(Shelf s, int n) {
        try {
            taken += s.take(n);
        } catch (OutOfStock e) {
            missed += e.missing();
            lastItem = e.item();
        }
        return missed;
    }

    public int checked(Shelf s, int n) {
        try {
            s.check(n);
            return 0;
        } catch (TooMany e) {
            missed += e.limit();
            return 100 + e.code();
        } catch (Refused e) {
            return e.code();
        }
    }

    public int bySuperclass(Shelf s, int n) {
        try {
            s.check(n);
            return 0;
        } catch (Refused e) {
            missed += e.code();
            return e.code() * 10 + (e instanceof TooMany ? 1 : 0);
        }
    }

    public String threeHops(Shelf a, Shelf b, int n) {
        try {
            return "took " + a.forward(b, n);
        } catch (OutOfStock e) {
            missed += e.missing();
            return e.getMessage() + " / " + e.item() + " / " + e.missing();
        }
    }

    public String causeAndSuppressed(Shelf s) {
        try {
            s.boom();
            return "no";
        } catch (IllegalStateException e) {
            return e.getMessage() + " <- " + (e.getCause() == null ? "none" : e.getCause().getClass().getSimpleName()
                    + ":" + e.getCause().getMessage()) + " suppressed " + e.getSuppressed().length
                    + (e.getSuppressed().length > 0 ? ":" + e.getSuppressed()[0].getMessage() : "");
        }
    }

    public int uncaught(Shelf s, int n) {
        return s.take(n);
    }
}
