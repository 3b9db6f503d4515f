package io.entityflow.flink.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.entityflow.ir.runtime.EntityRef;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON form of entity values, shared by the gateway and {@link io.entityflow.flink.gateway.client.EntityClient}:
 * an entity reference is {@code {"type":"shop.Item","key":"book"}} (as a map key, just its key), records are
 * objects of their components, {@code Optional} is its value or null, and java.time values are ISO-8601 text.
 * Parsing is strict: duplicate fields and trailing content are errors, and decimals keep every digit.
 */
public final class EntityJson {
    private EntityJson() {
    }

    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(module())
                .build();
    }

    private static SimpleModule module() {
        SimpleModule module = new SimpleModule("entityflow-values");
        module.addSerializer(EntityRef.class, new JsonSerializer<>() {
            @Override
            public void serialize(EntityRef ref, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeStartObject();
                out.writeStringField("type", ref.type());
                out.writeFieldName("key");
                provider.defaultSerializeValue(ref.key(), out);
                out.writeEndObject();
            }
        });
        module.addDeserializer(EntityRef.class, new JsonDeserializer<>() {
            @Override
            public EntityRef deserialize(JsonParser in, DeserializationContext context) throws IOException {
                JsonNode ref = context.readTree(in);
                JsonNode type = ref.get("type");
                JsonNode key = ref.get("key");
                if (type == null || !type.isTextual() || key == null || key.isNull() || key.isContainerNode()) {
                    return context.reportInputMismatch(EntityRef.class,
                            "an entity reference is {\"type\": \"qualified.Name\", \"key\": a string or number}, not " + ref);
                }
                return new EntityRef(type.asText(), context.readTreeAsValue(key, Object.class));
            }
        });
        module.addKeySerializer(EntityRef.class, new JsonSerializer<>() {
            @Override
            public void serialize(EntityRef ref, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeFieldName(String.valueOf(ref.key()));
            }
        });
        @SuppressWarnings({"rawtypes", "unchecked"})
        Class<Optional<?>> optional = (Class) Optional.class;
        module.addSerializer(optional, new JsonSerializer<>() {
            @Override
            public void serialize(Optional<?> value, JsonGenerator out, SerializerProvider provider) throws IOException {
                provider.defaultSerializeValue(value.orElse(null), out);
            }
        });
        for (Class<?> time : new Class<?>[]{Instant.class, LocalDate.class, LocalDateTime.class, Duration.class}) {
            module.addSerializer(time, ToStringSerializer.instance);
        }
        addTextDeserializer(module, Instant.class, Instant::parse);
        addTextDeserializer(module, LocalDate.class, LocalDate::parse);
        addTextDeserializer(module, LocalDateTime.class, LocalDateTime::parse);
        addTextDeserializer(module, Duration.class, Duration::parse);
        return module;
    }

    private static <T> void addTextDeserializer(SimpleModule module, Class<T> type, Function<String, T> parse) {
        module.addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser in, DeserializationContext context) throws IOException {
                String text = in.getValueAsString();
                try {
                    return parse.apply(text);
                } catch (RuntimeException e) {
                    return type.cast(context.handleWeirdStringValue(type, text, "not an ISO-8601 " + type.getSimpleName()));
                }
            }
        });
    }
}
