package io.entityflow.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entityflow.inspector.Inspector;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a user with the inspector open puts on a job under load: the live dataflow stream and one watched
 * entity (both server-sent events, as the page uses them), plus point lookups of random entities through
 * queryable state, whose read times (measured by the inspector around the queries) it reports.
 */
final class InspectorLoad implements AutoCloseable {
    private static final Duration LOOKUP_PAUSE = Duration.ofMillis(50);
    private final Inspector inspector;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<CompletableFuture<?>> streams = new ArrayList<>();
    private final Histogram readMicros = new Histogram(3);
    private final Map<String, Object> listing = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running = true;
    private Thread lookups;

    InspectorLoad(Inspector inspector) {
        this.inspector = inspector;
    }

    /** Opens the streams and starts looking up entities of {@code type} (once some exist). */
    void start(String type) {
        String base = inspector.url();
        streams.add(stream(base + "api/dataflow/stream"));
        lookups = new Thread(() -> lookUp(base, type), "bench-inspector-lookups");
        lookups.setDaemon(true);
        lookups.start();
    }

    private CompletableFuture<?> stream(String url) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding());
    }

    private void lookUp(String base, String type) {
        List<String> keys = new ArrayList<>();
        boolean watching = false;
        while (running) {
            try {
                if (keys.isEmpty()) {
                    JsonNode page = get(base + "api/entities/" + type + "?limit=200");
                    page.path("items").forEach(item -> keys.add(item.path("key").asText()));
                } else {
                    String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                    if (!watching) {
                        streams.add(stream(base + "api/entities/" + type + "/" + encode(key) + "/watch"));
                        watching = true;
                    }
                    JsonNode entity = get(base + "api/entities/" + type + "/" + encode(key));
                    synchronized (readMicros) {
                        readMicros.recordValue(Math.max(1, entity.path("readMicros").asLong()));
                    }
                }
                Thread.sleep(LOOKUP_PAUSE.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // not there yet (the population is still being created), or the job is stopping
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return mapper.readTree(response.body());
    }

    /** Lookup figures since the start: how many, and p50/p99 of the queryable-state read time in ms. */
    Map<String, Object> figures() {
        synchronized (readMicros) {
            Map<String, Object> figures = new java.util.TreeMap<>(listing);
            figures.put("inspector_lookups", readMicros.getTotalCount());
            figures.put("inspector_lookup_p50_ms", readMicros.getValueAtPercentile(50) / 1000.0);
            figures.put("inspector_lookup_p99_ms", readMicros.getValueAtPercentile(99) / 1000.0);
            return figures;
        }
    }

    /**
     * Times listing pages of {@code type} once its entities exist: the first page (which copies every
     * subtask's key set) and a filtered page that matches nothing (so it scans as far as a page may).
     */
    void measureListing(String type, String filterMatchingNothing) {
        String base = inspector.url() + "api/entities/" + type + "?limit=50";
        try {
            long start = System.nanoTime();
            JsonNode first = get(base);
            listing.put("inspector_list_first_page_ms", (System.nanoTime() - start) / 1e6);
            listing.put("inspector_list_total", first.path("total").asLong());
            start = System.nanoTime();
            JsonNode filtered = get(base + "&filter=" + encode(filterMatchingNothing));
            listing.put("inspector_list_filter_page_ms", (System.nanoTime() - start) / 1e6);
            listing.put("inspector_list_filter_scanned", filtered.path("scanned").asLong());
        } catch (Exception e) {
            listing.put("inspector_list_error", e.getMessage());
        }
    }

    /** Forgets the lookups so far (the warm-up's). */
    void resetFigures() {
        synchronized (readMicros) {
            readMicros.reset();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (lookups != null) {
            lookups.interrupt();
            lookups.join(5_000);
        }
        streams.forEach(s -> s.cancel(true));
        inspector.close();
    }
}
