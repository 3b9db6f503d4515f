package io.entityflow.flink.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import io.entityflow.api.gateway.GatewayError;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.FieldModel;
import io.entityflow.ir.model.MethodModel;
import io.entityflow.ir.runtime.EntityRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One entity type as clients see it: its key, the constructors and methods they may invoke (public
 * instance methods whose names have no {@code $}; the first public constructor of each arity, as the
 * generated factory chooses), and its fields' shapes for reading its state.
 */
final class CatalogEntity {
    private final String qualifiedName;
    private final ValueShape key;
    private final Map<Integer, Operation> constructors = new TreeMap<>();
    private final Map<String, Operation> methods = new TreeMap<>();
    private final Map<String, String> notCallable = new LinkedHashMap<>();
    private final Map<String, ValueShape> fields = new LinkedHashMap<>();

    CatalogEntity(EntityModel model, ShapeResolver shapes) {
        this.qualifiedName = model.qualifiedName();
        this.key = shapes.keyShape(qualifiedName);
        for (ConstructorDeclaration constructor : model.declaration().getConstructors()) {
            if (constructor.isPublic()) {
                constructors.putIfAbsent(constructor.getParameters().size(),
                        new Operation("new " + qualifiedName, parameters(constructor.getParameters(), shapes), null));
            }
        }
        for (MethodModel method : model.methods()) {
            if (method.name().contains("$")) {
                continue;
            }
            if (!method.isPublic() || method.isStatic()) {
                notCallable.putIfAbsent(method.name(), method.isStatic() ? "it is static" : "it is not public");
                continue;
            }
            MethodDeclaration declaration = method.declaration();
            ValueShape result = method.isVoid() ? null : shapes.shape(declaration.getType());
            methods.put(method.name(), new Operation(qualifiedName + "." + method.name(),
                    parameters(declaration.getParameters(), shapes), result));
        }
        for (FieldModel field : model.fields()) {
            fields.put(field.name(), shapes.shape(field.declarator().getType()));
        }
    }

    private static List<Operation.Parameter> parameters(List<Parameter> declared, ShapeResolver shapes) {
        List<Operation.Parameter> parameters = new ArrayList<>();
        for (Parameter parameter : declared) {
            parameters.add(new Operation.Parameter(parameter.getNameAsString(),
                    parameter.getType().asString() + (parameter.isVarArgs() ? "..." : ""), shapes.shape(parameter)));
        }
        return parameters;
    }

    String qualifiedName() {
        return qualifiedName;
    }

    /** @throws GatewayError 404 {@code unknown_method} for a method clients cannot call, saying why */
    Operation method(String name) {
        Operation method = methods.get(name);
        if (method != null) {
            return method;
        }
        String callable = methods.isEmpty() ? "it has no callable methods" : "callable methods: " + String.join(", ", methods.keySet());
        String reason = notCallable.get(name);
        if (reason != null) {
            throw new GatewayError(404, "unknown_method", qualifiedName + "." + name + " cannot be called: " + reason + "; " + callable);
        }
        throw new GatewayError(404, "unknown_method", qualifiedName + " has no method " + name + "; " + callable);
    }

    /** @throws GatewayError 400 {@code wrong_argument_count} when no public constructor takes that many arguments */
    Operation constructor(int arity) {
        Operation constructor = constructors.get(arity);
        if (constructor != null) {
            return constructor;
        }
        if (constructors.isEmpty()) {
            throw new GatewayError(400, "wrong_argument_count", qualifiedName + " has no public constructor: clients cannot create it");
        }
        if (constructors.size() == 1) {
            throw constructors.values().iterator().next().wrongCount(arity);
        }
        throw new GatewayError(400, "wrong_argument_count", qualifiedName + " has no public constructor with " + arity
                + (arity == 1 ? " argument" : " arguments") + "; its constructors: " + constructors.values().stream()
                .map(c -> c.displayName() + c.signature()).collect(Collectors.joining(", ")));
    }

    /** The key from a URL segment. @throws GatewayError 400 {@code bad_key} */
    Object keyFromText(String text) {
        try {
            return key.readText(text);
        } catch (BadValueException e) {
            throw badKey(e);
        }
    }

    /** The key from a JSON value. @throws GatewayError 400 {@code bad_key} */
    Object keyFromJson(JsonNode node) {
        try {
            return key.read(node);
        } catch (BadValueException e) {
            throw badKey(e);
        }
    }

    private GatewayError badKey(BadValueException e) {
        return new GatewayError(400, "bad_key", "key of " + qualifiedName + ": " + e.problem());
    }

    EntityRef ref(Object key) {
        if (key == null) {
            throw new GatewayError(400, "bad_key", "key of " + qualifiedName + ": expected " + this.key.describe() + ", got null");
        }
        return new EntityRef(qualifiedName, key);
    }

    ValueShape keyShape() {
        return key;
    }

    /** Field name to shape, in declaration order. */
    Map<String, ValueShape> fields() {
        return fields;
    }
}
