package depot;

import io.entityflow.api.Entity;
import io.entityflow.api.EntityException;
import io.entityflow.api.Key;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Gateway test fixture: one method per kind of parameter the gateway converts from JSON. */
@Entity
public class Shelf {
    @Key
    private String name;
    private int capacity;
    private List<Slot> slots = new ArrayList<>();
    private Map<String, Integer> counts = new LinkedHashMap<>();
    private Tag tag = Tag.PLAIN;

    public Shelf(String name, int capacity) {
        if (capacity < 0) {
            throw new EntityException("capacity must not be negative");
        }
        this.name = name;
        this.capacity = capacity;
    }

    public Shelf(String name) {
        this(name, 10);
    }

    public int getCapacity() {
        return capacity;
    }

    public void resize(int capacity) {
        this.capacity = capacity;
    }

    public long total(long first, Long second) {
        return first + (second == null ? 0 : second);
    }

    public String describe(Tag tag, char mark, double ratio, boolean flag) {
        this.tag = tag;
        return tag + ":" + mark + ":" + ratio + ":" + flag;
    }

    public int store(Slot slot) {
        slots.add(slot);
        return slots.size();
    }

    public int storeAll(List<Slot> more) {
        slots.addAll(more);
        return slots.size();
    }

    public Map<String, Integer> count(Map<String, Integer> more) {
        counts.putAll(more);
        return counts;
    }

    public Set<Long> ids(Set<Long> ids) {
        return new TreeSet<>(ids);
    }

    public int sum(int... values) {
        int sum = 0;
        for (int value : values) {
            sum += value;
        }
        return sum;
    }

    public String label(Optional<String> label) {
        return label.orElse("none");
    }

    public UUID echo(UUID id) {
        return id;
    }

    public int crateSize(Crate crate) {
        return crate.getSize();
    }

    public Crate firstCrate() {
        return slots.isEmpty() ? null : slots.get(0).crate();
    }

    public List<Slot> getSlots() {
        return slots;
    }

    public Tag getTag() {
        return tag;
    }

    private int secret() {
        return capacity * 2;
    }

    public static int helper() {
        return 1;
    }
}
