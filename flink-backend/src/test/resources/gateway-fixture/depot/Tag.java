package depot;

public enum Tag {
    PLAIN, FRAGILE
}
