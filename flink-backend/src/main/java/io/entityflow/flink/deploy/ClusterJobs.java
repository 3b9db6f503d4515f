package io.entityflow.flink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entityflow.flink.job.KafkaEdges;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Entity jobs on a Flink cluster through its REST API: deploy a job jar (checked against the cluster,
 * Kafka and the savepoint it starts from first, so a wrong address, a jar for another Flink or an
 * incompatible change of the entities fails before anything is uploaded),
 * list them, stop one with a savepoint.
 */
public final class ClusterJobs {
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(5);
    private final FlinkRestClient rest;
    private final ObjectMapper mapper = new ObjectMapper();

    /** A deployment: where the job's requests and responses are, its parallelism, the snapshot it starts from. */
    public record Deployment(ClusterJobSettings settings, int parallelism, String fromSavepoint, boolean allowNonRestoredState) {
        public Deployment {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
        }
    }

    /** A job deployed: its id, and what starting from the savepoint does to the saved entities. */
    public record Deployed(String jobId, List<String> upgradeNotes) {
    }

    /** A job as Flink lists it. */
    public record Job(String id, String name, String state, Instant started) {
    }

    public ClusterJobs(URI flink) {
        this.rest = new FlinkRestClient(flink);
    }

    public URI flink() {
        return rest.base();
    }

    /** The Flink version the cluster runs (its {@code /config}). */
    public String flinkVersion() {
        return rest.get("config").path("flink-version").asText("");
    }

    /**
     * Checks the jar fits the cluster and Kafka answers, creates the requests topic, uploads and runs the
     * jar, and waits until every task of the job runs. Returns the job id.
     */
    public Deployed deploy(Path jar, Deployment deployment) throws IOException, InterruptedException {
        JobJar.Info info = JobJar.read(jar);
        List<String> notes = List.of();
        if (deployment.fromSavepoint() != null) {
            UpgradeCheck check = UpgradeCheck.of(SavepointSchemas.read(deployment.fromSavepoint()),
                    JobJar.descriptor(jar).schemas(), deployment.allowNonRestoredState());
            if (!check.compatible()) {
                throw new DeployException(check.refusal(deployment.fromSavepoint()));
            }
            notes = check.notes();
        }
        String clusterVersion = flinkVersion();
        if (!sameMinor(info.flinkVersion(), clusterVersion)) {
            throw new DeployException(jar.getFileName() + " was built for Flink " + info.flinkVersion()
                    + " but the cluster at " + rest.base() + " runs Flink " + clusterVersion
                    + "; build the jar with an entityflow for Flink " + clusterVersion);
        }
        KafkaEdges.Topics topics = KafkaEdges.Topics.of(deployment.settings().kafka(), info.program());
        try (KafkaAdmin kafka = KafkaAdmin.connect(deployment.settings().kafka())) {
            kafka.ensureTopic(topics.requests(), deployment.parallelism());
        }
        String uploaded = rest.uploadJar(jar).path("filename").asText();
        String jarId = Path.of(uploaded).getFileName().toString();
        try {
            ObjectNode run = mapper.createObjectNode();
            run.put("entryClass", ClusterJobMain.class.getName());
            run.put("parallelism", deployment.parallelism());
            // the job asks this REST API for a checkpoint as soon as a response waits (unless told another address)
            ClusterJobSettings settings = deployment.settings().flinkRestUrl() != null ? deployment.settings()
                    : deployment.settings().withFlinkRestUrl(rest.base().toString());
            settings.toArguments().forEach(run.putArray("programArgsList")::add);
            if (deployment.fromSavepoint() != null) {
                run.put("savepointPath", deployment.fromSavepoint());
                run.put("allowNonRestoredState", deployment.allowNonRestoredState());
            }
            String jobId = rest.postSlow("jars/" + jarId + "/run", run).path("jobid").asText();
            awaitRunning(jobId, RUNNING_TIMEOUT);
            return new Deployed(jobId, notes);
        } finally {
            rest.delete("jars/" + jarId);
        }
    }

    /** Waits until the job and every one of its tasks run; a job that fails or ends is reported. */
    public void awaitRunning(String jobId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String state = "";
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = rest.get("jobs/" + jobId);
            state = job.path("state").asText();
            if (List.of("FAILED", "CANCELED", "FINISHED").contains(state)) {
                throw new DeployException("job " + jobId + " is " + state + " instead of running" + failureOf(jobId));
            }
            if ("RUNNING".equals(state) && allTasksRunning(job)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new DeployException("job " + jobId + " is not running after " + timeout.toSeconds() + " s (it is " + state
                + "); does the cluster have " + "enough free task slots?");
    }

    private static boolean allTasksRunning(JsonNode job) {
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return job.path("vertices").size() > 0;
    }

    private String failureOf(String jobId) {
        try {
            JsonNode root = rest.get("jobs/" + jobId + "/exceptions").path("root-exception");
            return root.isMissingNode() || root.isNull() ? "" : ": " + root.asText().lines().findFirst().orElse("");
        } catch (DeployException e) {
            return "";
        }
    }

    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode job : rest.get("jobs/overview").path("jobs")) {
            jobs.add(new Job(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(),
                    Instant.ofEpochMilli(job.path("start-time").asLong())));
        }
        return jobs;
    }

    /**
     * Stops the job with a savepoint in {@code savepointDir} (null: the cluster's default savepoint
     * directory) and returns the savepoint's path, to deploy from. A job that is recovering from a failure
     * cannot take a savepoint (its checkpoint coordinator is suspended until it runs again): the stop is asked
     * for again once the job runs, until the savepoint timeout.
     */
    public String stop(String jobId, String savepointDir) throws InterruptedException {
        Instant deadline = Instant.now().plus(SAVEPOINT_TIMEOUT);
        while (true) {
            JsonNode operation = stopOnce(jobId, savepointDir, deadline);
            if (!operation.has("failure-cause")) {
                return operation.path("location").asText();
            }
            String trace = operation.path("failure-cause").path("stack-trace").asText();
            String cause = trace.lines().findFirst().orElse("");
            String state = jobState(jobId);
            String lower = trace.toLowerCase(java.util.Locale.ROOT); // the reason may sit in a "Caused by:" line
            boolean recovering = lower.contains("suspending") || lower.contains("not all required tasks are currently running")
                    || state.equals("RESTARTING") || state.equals("INITIALIZING") || state.equals("CREATED");
            if (!recovering || !awaitRunning(jobId, deadline)) {
                throw new DeployException("job " + jobId + " did not stop with a savepoint: " + cause
                        + (recovering ? " (it was recovering and did not run again in time)" : "")
                        + (savepointDir == null ? " (the cluster may have no default savepoint directory: pass one)" : ""));
            }
        }
    }

    /** One stop-with-savepoint request: its finished operation (a location, or a failure cause). */
    private JsonNode stopOnce(String jobId, String savepointDir, Instant deadline) throws InterruptedException {
        if (!Instant.now().isBefore(deadline)) {
            // not asked again once the time is up: a stop that then succeeded would leave a savepoint nobody is told of
            throw new DeployException("job " + jobId + " did not complete its savepoint within " + SAVEPOINT_TIMEOUT.toMinutes() + " min");
        }
        ObjectNode request = mapper.createObjectNode();
        if (savepointDir != null) {
            request.put("targetDirectory", savepointDir);
        }
        request.put("drain", false);
        String trigger = rest.post("jobs/" + jobId + "/stop", request).path("request-id").asText();
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = rest.get("jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                return status.path("operation");
            }
            Thread.sleep(200);
        }
        throw new DeployException("job " + jobId + " did not complete its savepoint within " + SAVEPOINT_TIMEOUT.toMinutes() + " min");
    }

    private String jobState(String jobId) {
        return rest.get("jobs/" + jobId).path("state").asText();
    }

    /** Waits until the job runs again (true), or ends or the deadline passes (false). */
    private boolean awaitRunning(String jobId, Instant deadline) throws InterruptedException {
        while (Instant.now().isBefore(deadline)) {
            String state = jobState(jobId);
            if (state.equals("RUNNING")) {
                Thread.sleep(500); // the coordinator resumes once the job's tasks run; give the first checkpoint a moment
                return true;
            }
            if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
                return false;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Cancels the job without a savepoint (its last checkpoint is kept). */
    public void cancel(String jobId) {
        rest.patch("jobs/" + jobId + "?mode=cancel");
    }

    /** 1.20.5 and 1.20.1 fit; 1.19.x and 1.20.x do not (Flink keeps its APIs within a minor version). */
    static boolean sameMinor(String a, String b) {
        return minor(a).equals(minor(b));
    }

    private static String minor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }
}
