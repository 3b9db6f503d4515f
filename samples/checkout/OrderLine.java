package checkout;

/**
 * One line of an {@link Order}: a reference to an item entity and how many of it. A record is a plain
 * value; the item reference in it is serialised as the item's key.
 */
public record OrderLine(Item item, int quantity) {
}
