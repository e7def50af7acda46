package io.nirsweep.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** What the tests ask a loopback cluster's REST API. */
final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private FlinkRest() {}

    /** {@code GET path} as JSON; empty when nothing answers or the answer is not 200. */
    static Optional<JsonNode> get(int restPort, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The id of the job named {@code name} while the JobManager shows it RUNNING. */
    static Optional<String> runningJob(int restPort, String name) {
        return get(restPort, "/jobs/overview").flatMap(o -> {
            for (JsonNode job : o.path("jobs")) {
                if (job.path("name").asText().equals(name) && job.path("state").asText().equals("RUNNING")) {
                    return Optional.of(job.path("jid").asText());
                }
            }
            return Optional.empty();
        });
    }
}
