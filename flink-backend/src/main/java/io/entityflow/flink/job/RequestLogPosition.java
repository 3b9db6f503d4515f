package io.entityflow.flink.job;

import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * How far a source reader has read its partition of the request log: what its checkpoint holds. An offset only
 * means something in the log that produced it ({@code generation}).
 */
record RequestLogPosition(int partition, String generation, long offset) implements SourceSplit {

    @Override
    public String splitId() {
        return "requests-" + partition;
    }

    static final class Serializer implements SimpleVersionedSerializer<RequestLogPosition> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(RequestLogPosition position) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(position.partition());
                out.writeUTF(position.generation());
                out.writeLong(position.offset());
            }
            return bytes.toByteArray();
        }

        @Override
        public RequestLogPosition deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown request log position format " + version);
            }
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(serialized))) {
                return new RequestLogPosition(in.readInt(), in.readUTF(), in.readLong());
            }
        }
    }
}
