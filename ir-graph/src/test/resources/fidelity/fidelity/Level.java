package fidelity;

/** An enum with state and behaviour. */
public enum Level {
    LOW(1), HIGH(10);

    private final int weight;

    Level(int weight) {
        this.weight = weight;
    }

    public int weigh(int n) {
        return weight * n;
    }
}
