package identity;

/** A checked exception of the program. */
public class Refused extends Exception {
    private final int code;

    public Refused(String reason, int code) {
        super("refused: " + reason);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
