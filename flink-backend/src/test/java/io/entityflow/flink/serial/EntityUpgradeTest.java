package io.entityflow.flink.serial;

import io.entityflow.flink.deploy.ProgramDescriptor;
import io.entityflow.flink.deploy.UpgradeCheck;
import io.entityflow.flink.envelope.UserClasses;
import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.runtime.EntitySchema;
import io.entityflow.ir.runtime.SplitEntity;
import io.entityflow.ir.source.SourceFile;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * State saved by one version of an entity's code, restored by the next: by field name, new fields at their
 * initial values, removed ones dropped; a changed field type or key is incompatible, in Flink's terms
 * (the state's serializer snapshot) and in the check deploy runs first.
 */
class EntityUpgradeTest {
    private static final String V1 = """
            package boxes;
            import io.entityflow.api.*;
            import java.util.*;
            @Entity public class Box {
                @Key private String id;
                private List<String> items = new ArrayList<>();
                private long total;
                private String colour = "red";
                public Box(String id) { this.id = id; }
                public void add(String item) { items.add(item); total++; }
            }
            """;
    /** total moved, colour removed, label and seal added (with and without an initialiser) */
    private static final String V2 = """
            package boxes;
            import io.entityflow.api.*;
            import java.util.*;
            @Entity public class Box {
                @Key private String id;
                private String label = "new box";
                private long total;
                private List<String> items = new ArrayList<>();
                private int seal;
                public Box(String id) { this.id = id; }
                public void add(String item) { items.add(item); total++; }
            }
            """;
    private static final String V3 = V1.replace("private long total;", "private int total;");

    @Test
    void stateOfTheOldCodeIsRestoredFieldByFieldIntoTheNew() throws Throwable {
        CompiledProgram v1 = compile(V1);
        CompiledProgram v2 = compile(V2);
        byte[] saved;
        UserClasses.register(v1.classes());
        EntitySchema savedSchema;
        try {
            SplitEntity box = v1.classes().loadClass("boxes.Box$$Factory").asSubclass(io.entityflow.ir.runtime.EntityFactory.class)
                    .getDeclaredConstructor().newInstance().create(new Object[] {"b1"});
            box.$invoke("add", 0, new Object[] {"pen"}, null);
            DataOutputSerializer out = new DataOutputSerializer(64);
            EntityStateSerializer.of("boxes.Box").serialize(box, out);
            saved = out.getCopyOfBuffer();
            savedSchema = snapshotOf(EntityStateSerializer.of("boxes.Box")).schema();
        } finally {
            UserClasses.unregister(v1.classes());
        }
        assertThat(savedSchema.fields()).extracting(EntitySchema.Field::name).containsExactly("id", "items", "total", "colour");
        assertThat(savedSchema.field("items").type()).isEqualTo("java.util.List<java.lang.String>");

        UserClasses.register(v2.classes());
        try {
            EntityStateSerializer.Snapshot old = snapshotRead(savedSchema);
            TypeSerializerSchemaCompatibility<SplitEntity> compatibility = EntityStateSerializer.of("boxes.Box")
                    .snapshotConfiguration().resolveSchemaCompatibility(old);
            assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
            SplitEntity restored = old.restoreSerializer().deserialize(new DataInputDeserializer(saved));
            assertThat(restored.$state()).containsEntry("id", "b1").containsEntry("items", List.of("pen"))
                    .containsEntry("total", 1L).containsEntry("label", "new box").containsEntry("seal", 0)
                    .doesNotContainKey("colour");
        } finally {
            UserClasses.unregister(v2.classes());
        }
    }

    @Test
    void aChangedFieldTypeIsIncompatibleAndNamedWhileAddedAndRemovedFieldsAreNoted() throws Exception {
        CompiledProgram v1 = compile(V1);
        EntitySchema saved = ProgramDescriptor.schemaOf("boxes.Box", v1.classes());
        CompiledProgram v3 = compile(V3);
        UserClasses.register(v3.classes());
        try {
            assertThat(EntityStateSerializer.of("boxes.Box").snapshotConfiguration()
                    .resolveSchemaCompatibility(snapshotRead(saved)).isIncompatible()).isTrue();
        } finally {
            UserClasses.unregister(v3.classes());
        }
        UpgradeCheck toV3 = UpgradeCheck.of(Map.of("boxes.Box", saved),
                Map.of("boxes.Box", ProgramDescriptor.schemaOf("boxes.Box", v3.classes())), false);
        assertThat(toV3.incompatibilities()).containsExactly(
                "boxes.Box.total: saved as long, now declared int; keep the type, or add a field of the new type");
        UpgradeCheck toV2 = UpgradeCheck.of(Map.of("boxes.Box", saved),
                Map.of("boxes.Box", ProgramDescriptor.schemaOf("boxes.Box", compile(V2).classes())), false);
        assertThat(toV2.compatible()).isTrue();
        assertThat(toV2.notes()).contains("boxes.Box.colour: removed; its saved values are dropped",
                "boxes.Box.label: new; saved entities get its initial value");
        UpgradeCheck typeRemoved = UpgradeCheck.of(Map.of("boxes.Box", saved), Map.of(), false);
        assertThat(typeRemoved.refusal("sp")).contains("entity type boxes.Box is in the savepoint but not in the program");
        assertThat(UpgradeCheck.of(Map.of("boxes.Box", saved), Map.of(), true).compatible()).isTrue();
        EntitySchema otherKey = new EntitySchema("boxes.Box", "total", saved.fields());
        assertThat(UpgradeCheck.of(Map.of("boxes.Box", saved), Map.of("boxes.Box", otherKey), false).incompatibilities())
                .anySatisfy(line -> assertThat(line).contains("the key was field 'id' and is now 'total'"));
    }

    private static CompiledProgram compile(String source) {
        return CompiledProgram.compile(List.of(new SourceFile("boxes/Box.java", source)));
    }

    private static EntityStateSerializer.Snapshot snapshotOf(EntityStateSerializer serializer) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot<SplitEntity> snapshot = serializer.snapshotConfiguration();
        snapshot.writeSnapshot(out);
        EntityStateSerializer.Snapshot read = new EntityStateSerializer.Snapshot();
        read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()), EntityUpgradeTest.class.getClassLoader());
        return read;
    }

    /** A snapshot as read back from a checkpoint whose state was saved with these fields. */
    private static EntityStateSerializer.Snapshot snapshotRead(EntitySchema schema) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeBoolean(true);
        SchemaCodec.write(schema, out);
        EntityStateSerializer.Snapshot read = new EntityStateSerializer.Snapshot();
        read.readSnapshot(3, new DataInputDeserializer(out.getCopyOfBuffer()), EntityUpgradeTest.class.getClassLoader());
        return read;
    }
}
