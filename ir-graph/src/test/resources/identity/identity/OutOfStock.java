package identity;

/** The program's own unchecked exception, with fields and a computed message. */
public class OutOfStock extends RuntimeException {
    private final String item;
    private final int missing;

    public OutOfStock(String item, int missing) {
        super(item + " is short by " + missing);
        this.item = item;
        this.missing = missing;
    }

    public String item() {
        return item;
    }

    public int missing() {
        return missing;
    }
}
