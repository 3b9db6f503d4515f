package io.entityflow.ir.runtime;

/** Creates an entity from constructor arguments; generated as the nested class {@code $Factory} of each entity. */
public interface EntityFactory {
    SplitEntity create(Object[] args) throws Throwable;

    /** The entity with exactly these field values, in the order of {@link SplitEntity#$state()}; no constructor runs. */
    SplitEntity restore(Object[] fields);
}
