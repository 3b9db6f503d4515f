package io.entityflow.ir.runtime;

/** Creates an entity from constructor arguments; generated as the nested class {@code $Factory} of each entity. */
public interface EntityFactory {
    SplitEntity create(Object[] args) throws Throwable;

    /**
     * The entity with exactly these field values, in the order of {@link SplitEntity#$state()}; no constructor
     * runs, field initialisers do: a field given as {@link Restore#ABSENT} keeps its initial value.
     */
    SplitEntity restore(Object[] fields);

    /** The fields this version of the entity's code saves, in {@code $state()} order. */
    EntitySchema schema();
}
