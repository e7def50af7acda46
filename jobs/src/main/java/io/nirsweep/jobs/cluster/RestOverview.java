package io.nirsweep.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The cluster as its JobManager sees it: {@code GET /overview} of Flink's REST API. This, not the PIDs, says
 * whether the cluster is usable: a TaskManager counts once it has registered, and stops counting once the
 * JobManager's heartbeat has declared it dead.
 */
public record RestOverview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning, String flinkVersion) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    /** The REST API's address on the loopback interface, where the cluster binds it. */
    public static URI address(int restPort) {
        return URI.create("http://localhost:" + restPort);
    }

    /** The overview, or empty when nothing answers on {@code restPort} (yet) or the answer is not Flink's. */
    public static Optional<RestOverview> fetch(int restPort) {
        HttpRequest request = HttpRequest.newBuilder(address(restPort).resolve("/overview"))
                .timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode o = JSON.readTree(response.body());
            if (!o.has("taskmanagers") || !o.has("slots-total")) {
                return Optional.empty();
            }
            return Optional.of(new RestOverview(o.path("taskmanagers").asInt(), o.path("slots-total").asInt(),
                    o.path("slots-available").asInt(), o.path("jobs-running").asInt(),
                    o.path("flink-version").asText("?")));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Whether the JobManager serves Flink's web dashboard at {@code /}: only with flink-runtime-web on its class
     * path, which the CLI's dependencies do not bring; without it the port serves the REST API alone.
     */
    public static boolean servesWebUi(int restPort) {
        HttpRequest request = HttpRequest.newBuilder(address(restPort).resolve("/")).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** "2 TaskManagers, 4 slots (4 available), 0 jobs running, Flink 1.19.3". */
    public String summary() {
        return taskManagers + (taskManagers == 1 ? " TaskManager, " : " TaskManagers, ") + slotsTotal + " slots ("
                + slotsAvailable + " available), " + jobsRunning + (jobsRunning == 1 ? " job" : " jobs")
                + " running, Flink " + flinkVersion;
    }
}
