package identity;

import java.util.List;

/** A record holding a mutable list: the record is a value, the list inside it has identity. */
public record Box(String label, List<Integer> values) {
}
