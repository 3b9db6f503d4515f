package io.entityflow.inspector.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entityflow.flink.gateway.EntityJson;
import io.entityflow.flink.serial.EntityKeyTypeInfo;
import io.entityflow.flink.serial.EntityStateSerializer;
import io.entityflow.inspector.api.InspectorError;
import io.entityflow.ir.graph.OperatorUids;
import io.entityflow.ir.runtime.SplitEntity;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entities in a savepoint, read with Flink's State Processor API (a small local batch job; savepoints
 * are canonical, so this works whatever backend took them, which is not true of changelog checkpoints).
 * A savepoint never changes, so what was read is kept (the last {@link #KEPT} opened) and paged from memory.
 */
public final class SavepointEntities {
    private static final int KEPT = 3;
    private final List<String> types;
    private final ObjectMapper mapper = EntityJson.newMapper();
    private final Map<Path, Map<String, Map<String, ObjectNode>>> opened = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Map<String, Map<String, ObjectNode>>> eldest) {
            return size() > KEPT;
        }
    };

    public SavepointEntities(List<String> types) {
        this.types = types;
    }

    /** type → key → fields, keys sorted. */
    public synchronized Map<String, Map<String, ObjectNode>> open(Path savepoint) {
        Map<String, Map<String, ObjectNode>> entities = opened.get(savepoint);
        if (entities == null) {
            entities = read(savepoint);
            opened.put(savepoint, entities);
        }
        return entities;
    }

    private Map<String, Map<String, ObjectNode>> read(Path savepoint) {
        Map<String, Map<String, ObjectNode>> entities = new TreeMap<>();
        types.forEach(type -> entities.put(type, new TreeMap<>()));
        try {
            Configuration configuration = new Configuration();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, configuration);
            SavepointReader reader = SavepointReader.read(env, savepoint.toUri().toString(), new HashMapStateBackend());
            DataStream<Tuple3<String, String, String>> all = null;
            for (String type : types) {
                DataStream<Tuple3<String, String, String>> ofType = reader.readKeyedState(
                        OperatorIdentifier.forUid(OperatorUids.entity(type)), new EntityReader(type),
                        EntityKeyTypeInfo.INSTANCE, Types.TUPLE(Types.STRING, Types.STRING, Types.STRING));
                all = all == null ? ofType : all.union(ofType);
            }
            if (all == null) {
                return entities;
            }
            try (CloseableIterator<Tuple3<String, String, String>> rows = all.executeAndCollect("entityflow: read savepoint")) {
                while (rows.hasNext()) {
                    Tuple3<String, String, String> row = rows.next();
                    entities.get(row.f0).put(row.f1, (ObjectNode) mapper.readTree(row.f2));
                }
            }
            return entities;
        } catch (Exception e) {
            throw new InspectorError(422, "savepoint_unreadable", "cannot read the entities of savepoint "
                    + savepoint.getFileName() + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** A page of one type's entities in a savepoint: {items, next, total, source}. */
    public ObjectNode page(Path savepoint, String type, Filter filter, String cursor, int limit) {
        Map<String, ObjectNode> ofType = open(savepoint).getOrDefault(type, Map.of());
        int offset = 0;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                offset = Integer.parseInt(cursor);
            } catch (NumberFormatException e) {
                throw InspectorError.badRequest("bad_cursor", "malformed cursor " + cursor);
            }
        }
        ObjectNode page = mapper.createObjectNode();
        ArrayNode items = page.putArray("items");
        int position = 0;
        Integer next = null;
        for (Map.Entry<String, ObjectNode> entry : ofType.entrySet()) {
            if (position++ < offset) {
                continue;
            }
            if (items.size() == limit) {
                next = position - 1;
                break;
            }
            if (filter.matches(entry.getKey(), entry.getValue())) {
                items.addObject().put("key", entry.getKey()).set("fields", entry.getValue());
            }
        }
        page.put("next", next == null ? null : String.valueOf(next));
        page.put("total", ofType.size()).put("source", "savepoint " + savepoint.getFileName());
        return page;
    }

    /** The fields of one entity in a savepoint, or null. */
    public JsonNode entity(Path savepoint, String type, String key) {
        return open(savepoint).getOrDefault(type, Map.of()).get(key);
    }

    /** Reads one entity type's state from the savepoint: (type, key, fields as JSON text). */
    private static final class EntityReader extends KeyedStateReaderFunction<String, Tuple3<String, String, String>> {
        private static final long serialVersionUID = 1L;
        private final String type;
        private transient ValueState<SplitEntity> state;
        private transient ObjectMapper json;

        EntityReader(String type) {
            this.type = type;
        }

        @Override
        public void open(Configuration parameters) {
            state = getRuntimeContext().getState(new ValueStateDescriptor<>("entity", EntityStateSerializer.INSTANCE));
            json = EntityJson.newMapper();
        }

        @Override
        public void readKey(String key, Context context, Collector<Tuple3<String, String, String>> out) throws Exception {
            SplitEntity entity = state.value();
            if (entity != null) {
                ObjectNode fields = json.createObjectNode();
                for (Map.Entry<String, Object> field : entity.$state().entrySet()) {
                    fields.set(field.getKey(), json.valueToTree(field.getValue()));
                }
                // the job's key is "type/key"
                out.collect(Tuple3.of(type, key.substring(type.length() + 1), json.writeValueAsString(fields)));
            }
        }
    }
}
