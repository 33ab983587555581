package dev.easel.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.testing.OpenAiCompatibleStub;
import dev.easel.gateway.testing.RunningGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real client libraries as people use them, against the real gateway: the {@code openai} npm
 * package, the Vercel AI SDK and LangChain's DALL-E wrapper, plus the README's snippets run as
 * written. The suite lives in {@code src/test/node} with its own committed lock file; this test
 * installs it with {@code npm ci} (from {@code ~/.npm} when it can), starts the gateway on the
 * test catalog {@code clients-catalog.yaml} with its WireMock providers, and runs
 * {@code node --test} with {@code EASEL_URL} pointing at it. Node's own report is printed and
 * written as JUnit XML to {@code target/node-clients/}.
 */
class NodeClientsEndToEndTest {

    private static final Path SUITE = Path.of("src", "test", "node").toAbsolutePath();
    private static final Path REPORTS = Path.of("target", "node-clients").toAbsolutePath();

    private static OpenAiCompatibleStub openai;
    private static OpenAiCompatibleStub flaky;
    private static OpenAiCompatibleStub strict;
    private static OpenAiCompatibleStub slow;
    private static RunningGateway gateway;

    @BeforeAll
    static void installAndStart() throws Exception {
        Files.createDirectories(REPORTS);
        // npm ci checks package-lock.json and installs exactly it; --prefer-offline reuses ~/.npm.
        Run install = run(List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"), Map.of(),
                REPORTS.resolve("npm-ci.log"), 300);
        assertThat(install.exitCode()).as("npm ci in %s:%n%s", SUITE, install.output()).isZero();

        openai = new OpenAiCompatibleStub().succeeds();
        flaky = new OpenAiCompatibleStub().failsFirstCallOfEachPrompt();
        strict = new OpenAiCompatibleStub().rejectsTheInput();
        slow = new OpenAiCompatibleStub().succeedsAfter(1_500);
        Map<String, String> env = new HashMap<>();
        env.put("EASEL_CATALOG", Path.of(NodeClientsEndToEndTest.class.getResource("/clients-catalog.yaml").toURI()).toString());
        env.put("OPENAI_BASE_URL", openai.baseUrl());
        env.put("OPENAI_API_KEY", "sk-stub-openai");
        env.put("FLAKY_BASE_URL", flaky.baseUrl());
        env.put("STRICT_BASE_URL", strict.baseUrl());
        env.put("SLOW_BASE_URL", slow.baseUrl());
        env.put("STUB_KEY", "stub-key");
        env.put("EASEL_REQUEST_TIMEOUT", "20s");
        gateway = RunningGateway.start(env);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        for (OpenAiCompatibleStub stub : new OpenAiCompatibleStub[] {openai, flaky, strict, slow}) {
            if (stub != null) {
                stub.close();
            }
        }
    }

    @Test
    void should_pass_every_node_client_test_when_run_against_the_gateway() throws Exception {
        // Files run side by side: they mostly wait on the gateway and on the SDKs' retry back-off.
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=3",
                "--test-reporter=spec", "--test-reporter-destination=stdout",
                "--test-reporter=junit", "--test-reporter-destination=" + REPORTS.resolve("TEST-node-clients.xml")));
        command.addAll(testFiles());
        Map<String, String> env = Map.of(
                "EASEL_URL", gateway.baseUrl(),
                "STUB_OPENAI_URL", openai.root(),
                "STUB_FLAKY_URL", flaky.root(),
                "STUB_STRICT_URL", strict.root(),
                "STUB_SLOW_URL", slow.root());

        Run tests = run(command, env, REPORTS.resolve("node-test.log"), 420);

        System.out.println(tests.output());
        assertThat(tests.exitCode()).as("node --test failed:%n%s", tests.output()).isZero();
        // A suite that found no tests also exits 0; none may skip itself.
        assertThat(tests.output()).contains("ℹ fail 0").contains("ℹ cancelled 0").contains("ℹ skipped 0")
                .doesNotContain("ℹ tests 0");
    }

    private static List<String> testFiles() throws IOException {
        try (Stream<Path> files = Files.list(SUITE)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".test.mjs")).sorted().toList();
            assertThat(names).as("test files in %s", SUITE).isNotEmpty();
            return names;
        }
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs a command in the suite folder, output to a file (a full pipe cannot stall the child). */
    private static Run run(List<String> command, Map<String, String> env, Path log, long timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(SUITE.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("NO_COLOR", "1");
        Process process = pb.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Run(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
