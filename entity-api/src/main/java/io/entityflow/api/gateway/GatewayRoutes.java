package io.entityflow.api.gateway;

/**
 * Extra HTTP routes a program contributes to the gateway (for example the WDM course's
 * {@code /stock/...}, {@code /payment/...} and {@code /orders/...} API in front of the checkout entities).
 * Implementations are found with {@link java.util.ServiceLoader} through the program's class loader
 * ({@code META-INF/services/io.entityflow.api.gateway.GatewayRoutes}) or handed to the gateway
 * directly. The SPI names no web framework, so route code does not change when the gateway's does.
 */
public interface GatewayRoutes {

    /** Declares the routes; called once, before the gateway starts listening. */
    void register(GatewayRouting routing);
}
