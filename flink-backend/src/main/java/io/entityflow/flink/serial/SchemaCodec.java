package io.entityflow.flink.serial;

import io.entityflow.flink.envelope.ValueCodec;
import io.entityflow.ir.runtime.EntitySchema;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** An entity schema in binary: type, key field, then each field's name and type. */
final class SchemaCodec {
    private SchemaCodec() {
    }

    static void write(EntitySchema schema, DataOutput out) throws IOException {
        ValueCodec.writeString(schema.type(), out);
        ValueCodec.writeString(schema.key(), out);
        out.writeShort(schema.fields().size());
        for (EntitySchema.Field field : schema.fields()) {
            ValueCodec.writeString(field.name(), out);
            ValueCodec.writeString(field.type(), out);
        }
    }

    static EntitySchema read(DataInput in) throws IOException {
        String type = ValueCodec.readString(in);
        String key = ValueCodec.readString(in);
        int count = in.readShort();
        List<EntitySchema.Field> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fields.add(new EntitySchema.Field(ValueCodec.readString(in), ValueCodec.readString(in)));
        }
        return new EntitySchema(type, key, fields);
    }
}
