package io.entityflow.flink.runtime;

import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntityRef;
import io.entityflow.ir.source.SourceFile;
import io.entityflow.ir.testing.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A local that is no value, held in an {@code Object} variable across a remote call, would make every
 * checkpoint of its entity fail (and the job restart for ever): the call fails instead, as an exception at
 * the call site, and the entity stays as it was and keeps working.
 */
class OpaqueLocalTest {
    private static final String PROGRAM = """
            package opaque;
            import io.entityflow.api.*;
            @Entity public class Holder {
                @Key private String id;
                private Holder peer;
                private int done;
                public Holder(String id) { this.id = id; }
                public void link(Holder other) { peer = other; }
                public int ping() { return 1; }
                public int keepsALock() {
                    Object lock = new Object();
                    int n = peer.ping();
                    done += n;
                    return lock.hashCode() == 0 ? 0 : n;
                }
                public String catchesIt() {
                    try {
                        return "" + keepsALock();
                    } catch (IllegalArgumentException e) {
                        return "caught";
                    }
                }
                public int keepsAValue() {
                    Object text = "value";
                    int n = peer.ping();
                    done += n;
                    return ((String) text).length() + n;
                }
                public int done() { return done; }
            }
            """;

    @Test
    void aNonValueSavedAcrossACallFailsThatCallOnly() {
        CompiledProgram program = CompiledProgram.compile(List.of(new SourceFile("opaque/Holder.java", PROGRAM)));
        EnvelopeWorld world = new EnvelopeWorld(program.classes());
        EntityRef a = new EntityRef("opaque.Holder", "a");
        world.create("opaque.Holder", "a");
        world.create("opaque.Holder", "b");
        world.call(a, "link", new EntityRef("opaque.Holder", "b"));

        Outcome refused = world.call(a, "keepsALock");
        assertThat(refused.exceptionType()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(refused.exceptionMessage()).contains("Holder.keepsALock").contains("java.lang.Object")
                .contains("cannot be saved across the remote call");
        assertThat(world.call(a, "catchesIt").value()).as("an exception at the call, catchable").isEqualTo("caught");
        assertThat(world.call(a, "done").value()).as("nothing after the call ran").isEqualTo(0);
        assertThat(world.call(a, "keepsAValue").value()).as("values in Object locals are fine").isEqualTo(6);
        assertThat(world.call(a, "done").value()).isEqualTo(1);
    }
}
