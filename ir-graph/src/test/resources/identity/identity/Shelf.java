package identity;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

/** Throws the program's exceptions to its callers. */
@Entity
public class Shelf {
    @Key
    private String id;
    private int stock;

    public Shelf(String id, int stock) {
        this.id = id;
        this.stock = stock;
    }

    public int take(int n) {
        if (n > stock) {
            throw new OutOfStock(id, n - stock);
        }
        stock -= n;
        return stock;
    }

    public void check(int n) throws Refused {
        if (n > 3) {
            throw new TooMany(n, 3);
        }
        if (n < 0) {
            throw new Refused("negative", -1);
        }
    }

    public int forward(Shelf next, int n) {
        return next.take(n) + 1000;
    }

    public void boom() {
        IllegalStateException e = new IllegalStateException("boom", new ArithmeticException("inner"));
        e.addSuppressed(new IllegalArgumentException("suppressed"));
        throw e;
    }
}
