package dev.easel.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.gateway.testing.RunningGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What can be checked of {@code deploy/} without Docker or a cluster: every YAML document
 * parses and has the parts an operator relies on, the image runs the jar the way
 * {@code MainProcessTest} does, and every metric the Grafana dashboard queries exists.
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of(System.getProperty("easel.catalog", "../model-catalog.yaml"))
            .toAbsolutePath().getParent().resolve("deploy");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yaml(String file) throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(DEPLOY.resolve(file)))) {
            docs.add((Map<String, Object>) doc);
        }
        return docs;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void should_parse_the_kubernetes_example_with_probes_limits_secret_and_catalog_config_map() throws Exception {
        JsonNode all = JSON.valueToTree(yaml("kubernetes/easel.yaml"));

        assertThat(all.findValuesAsText("kind")).contains("Secret", "ConfigMap", "Deployment", "Service");
        JsonNode deployment = null;
        for (JsonNode doc : all) {
            if (doc.get("kind").asText().equals("Deployment")) {
                deployment = doc;
            }
        }
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        assertThat(container.at("/resources/limits/memory").asText()).isNotBlank();
        assertThat(container.at("/envFrom/0/secretRef/name").asText()).isEqualTo("easel-keys");
        assertThat(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isGreaterThan(30);
        for (JsonNode doc : all) {
            if (doc.get("kind").asText().equals("ConfigMap")) {
                // The catalog it ships is itself valid.
                Path catalog = Files.createTempFile("k8s-catalog", ".yaml");
                Files.writeString(catalog, doc.at("/data/model-catalog.yaml").asText());
                assertThat(dev.easel.gateway.catalog.CatalogSource.read(catalog).text()).contains("default_model");
                new dev.easel.gateway.catalog.CatalogLoader(factories(), Map.<String, String>of()::get,
                        java.time.Duration.ofSeconds(300)).load(catalog);
            }
        }
    }

    @Test
    void should_parse_the_compose_file_with_easel_using_minio_as_s3() throws Exception {
        JsonNode compose = JSON.valueToTree(yaml("docker-compose.yml").get(0));

        assertThat(compose.at("/services").fieldNames()).toIterable().contains("easel", "minio", "minio-setup", "redis");
        assertThat(compose.at("/services/easel/environment/EASEL_STORAGE").asText()).isEqualTo("s3");
        assertThat(compose.at("/services/easel/environment/S3_ENDPOINT").asText()).isEqualTo("http://minio:9000");
        assertThat(yaml("prometheus.yml").get(0)).containsKey("scrape_configs");
    }

    @Test
    void should_run_the_jar_as_non_root_with_a_health_check_in_the_dockerfile() throws Exception {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));

        assertThat(dockerfile).contains("AS build", "USER easel", "MaxRAMPercentage", "STOPSIGNAL SIGTERM");
        assertThat(dockerfile).contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/easel-gateway.jar\"]");
        Matcher probe = Pattern.compile("HEALTHCHECK[^\\n]*\\n\\s*CMD \\[\"java\", \"-cp\", \"[^\"]+\", \"([a-zA-Z.]+)\"").matcher(dockerfile);
        assertThat(probe.find()).isTrue();
        assertThat(Class.forName(probe.group(1)).getMethod("main", String[].class)).isNotNull();
        String unit = Files.readString(DEPLOY.resolve("systemd/easel.service"));
        assertThat(unit).contains("ExecStart=/usr/bin/java", "-jar /opt/easel/easel-gateway.jar", "RestartPreventExitStatus=2",
                "User=easel");
    }

    @Test
    void should_query_only_metrics_that_easel_exports_when_the_dashboard_is_imported() throws Exception {
        JsonNode dashboard = JSON.readTree(DEPLOY.resolve("grafana/easel-dashboard.json").toFile());
        TreeSet<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\b((?:easel|jvm|process|system)_[a-z_]+)").matcher(dashboard.toString());
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).contains("easel_request_seconds_bucket", "easel_cost_usd_total", "easel_route_circuit_state",
                "jvm_gc_pause_seconds_sum");

        try (RunningGateway gateway = RunningGateway.start()) {
            HttpClient http = HttpClient.newHttpClient();
            // One request that succeeds and one that is refused, so every request-fed family exists.
            http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/images/generations"))
                    .header("content-type", "application/json")
                    // JPEG, so a real transcode feeds the worker task meter (a PNG passes through without one).
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"x\",\"size\":\"64x64\",\"output_format\":\"jpeg\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String scrape = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(scrape).contains("jvm_gc_memory_allocated_bytes_total");
            for (String name : used) {
                if (name.equals("easel_failovers_total") || name.equals("easel_storage_retries_total")
                        || name.startsWith("jvm_gc_pause")) {
                    // Created by the first failover, retry or GC pause after start; ReadinessAndMetricsTest and the
                    // routing tests cover the first two, and the GC binder's other series are checked below.
                    continue;
                }
                if (name.equals("easel_route_circuit_state") || name.startsWith("easel_provider_attempt")) {
                    assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]|# TYPE " + name.replaceAll("_(bucket|count|sum)$", ""));
                    continue;
                }
                assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]");
            }
        }
    }

    private static Map<String, dev.easel.adapter.ImageAdapterFactory> factories() {
        Map<String, dev.easel.adapter.ImageAdapterFactory> out = new java.util.LinkedHashMap<>();
        java.util.ServiceLoader.load(dev.easel.adapter.ImageAdapterFactory.class).forEach(f -> out.put(f.name(), f));
        return out;
    }
}
