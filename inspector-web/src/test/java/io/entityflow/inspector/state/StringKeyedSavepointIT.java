package io.entityflow.inspector.state;

import io.entityflow.flink.serial.EntityKeyTypeInfo;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Savepoints taken before entity state was keyed by {@link EntityKeyTypeInfo} (Flink's String keys) restore under
 * it: same bytes, and the key serializer's snapshot says so. Without that, Flink refuses the state ("the new key
 * serializer must be compatible") and every savepoint of an earlier entityflow would be lost to an upgrade.
 */
class StringKeyedSavepointIT {
    private static final String UID = "entity-Account";

    @Test
    void stateKeyedByFlinksStringsIsReadUnderTheEntityKeyType(@TempDir Path directory) throws Exception {
        Path savepoint = directory.resolve("savepoint");
        StreamExecutionEnvironment writing = StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
        // the writer hands Flink's own state handles between chained operators: a copy of them goes through Kryo,
        // which cannot reach into the JDK's lists without --add-opens
        writing.getConfig().enableObjectReuse();
        StateBootstrapTransformation<String> accounts = OperatorTransformation
                .bootstrapWith(writing.fromData("x.Account/ann", "x.Account/bob", "x.Account/€-and-ü"))
                .keyBy((KeySelector<String, String>) key -> key, Types.STRING)
                .transform(new WriteKeyLength());
        SavepointWriter.newSavepoint(writing, new HashMapStateBackend(), 128)
                .withOperator(OperatorIdentifier.forUid(UID), accounts)
                .write(savepoint.toUri().toString());
        writing.execute("write a savepoint keyed by Flink's String type");

        StreamExecutionEnvironment reading = StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
        List<String> read = new ArrayList<>();
        try (CloseableIterator<String> rows = SavepointReader.read(reading, savepoint.toUri().toString(), new HashMapStateBackend())
                .readKeyedState(OperatorIdentifier.forUid(UID), new ReadKeyLength(), EntityKeyTypeInfo.INSTANCE, Types.STRING)
                .executeAndCollect("read it keyed by the entity key type")) {
            rows.forEachRemaining(read::add);
        }

        assertThat(read).containsExactlyInAnyOrder("x.Account/ann=13", "x.Account/bob=13", "x.Account/€-and-ü=17");
    }

    private static ValueStateDescriptor<Integer> length() {
        return new ValueStateDescriptor<>("length", Types.INT);
    }

    static final class WriteKeyLength extends KeyedStateBootstrapFunction<String, String> {
        private transient ValueState<Integer> length;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            length = getRuntimeContext().getState(length());
        }

        @Override
        public void processElement(String key, Context context) throws Exception {
            length.update(key.length());
        }
    }

    static final class ReadKeyLength extends KeyedStateReaderFunction<String, String> {
        private transient ValueState<Integer> length;

        @Override
        public void open(Configuration parameters) { // the reader function still asks for the deprecated form
            length = getRuntimeContext().getState(length());
        }

        @Override
        public void readKey(String key, Context context, Collector<String> out) throws Exception {
            out.collect(key + "=" + length.value());
        }
    }
}
