package dev.easel.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.testing.HeadlessChromium;
import dev.easel.gateway.testing.RunningGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The playground in a real browser (Debian's Chromium) against the real gateway with no keys:
 * what a newcomer sees after the README's start command.
 */
class PlaygroundBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static RunningGateway gateway;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            gateway.close();
        }
    }

    @BeforeEach
    void openPage() {
        chromium.driver().get(gateway.baseUrl() + "/");
        waitForModels();
        chromium.consoleErrors(); // start each test with an empty console
    }

    @AfterEach
    void forgetPage() {
        chromium.script("localStorage.clear(); sessionStorage.clear();");
    }

    private static void waitForModels() {
        chromium.waiting(WAIT).until(d -> !new Select(d.findElement(By.id("model"))).getOptions().isEmpty()
                && d.findElement(By.id("provider")).findElements(By.tagName("option")).size() > 1);
    }

    private static WebElement byId(String id) {
        return chromium.driver().findElement(By.id(id));
    }

    private static void type(String id, String text) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    private static long storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(gateway.storageDir())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void should_load_with_no_console_errors_or_failed_requests_when_opened() throws Exception {
        chromium.driver().navigate().refresh();
        waitForModels();

        assertThat(chromium.consoleErrors()).isEmpty();
        List<Map<String, Object>> requests = chromium.requests();
        assertThat(requests).extracting(r -> (String) r.get("name"))
                .anyMatch(n -> n.endsWith("/playground/playground.js"))
                .anyMatch(n -> n.endsWith("/playground/playground.css"))
                .anyMatch(n -> n.endsWith("/v1/models"))
                .anyMatch(n -> n.endsWith("/v1/models/test-pattern"));
        assertThat(requests).allSatisfy(r -> assertThat(((Number) r.get("status")).intValue())
                .as("status of %s", r.get("name")).isIn(200, 304));
        assertThat(chromium.driver().getTitle()).isEqualTo("Easel playground");
        chromium.scrollToTop();
        chromium.screenshot("01-loaded");
    }

    @Test
    void should_list_every_catalog_model_with_test_pattern_ready_when_loaded() {
        Select model = new Select(byId("model"));
        List<String> ids = model.getOptions().stream().map(o -> o.getAttribute("value")).toList();

        assertThat(ids).contains("test-pattern", "flux-schnell", "gpt-image-1", "dall-e-3", "stable-image-core");
        assertThat(ids).doesNotContain("local/test-pattern"); // slugs are the provider choice, not models
        assertThat(model.getFirstSelectedOption().getAttribute("value")).isEqualTo("test-pattern");
        assertThat(new Select(byId("provider")).getOptions()).extracting(WebElement::getText)
                .contains("Any (failover between routes)", "local/test-pattern");
        assertThat(byId("model-info").getText()).contains("parameters: seed");
        assertThat(byId("seed").isEnabled()).isTrue();

        model.selectByValue("flux-schnell");
        chromium.waiting(WAIT).until(d -> new Select(d.findElement(By.id("provider"))).getOptions().stream()
                .anyMatch(o -> o.getText().startsWith("fal/flux-schnell (not configured: set FAL_KEY)")));
        assertThat(byId("size-hint").getText()).contains("presets").contains("ratios");
    }

    @Test
    void should_show_an_image_of_the_asked_size_with_its_report_when_generating_a_test_pattern() throws Exception {
        type("prompt", "a red fox in the snow");
        type("size", "640x360");
        new Select(byId("format")).selectByValue("webp");
        type("seed", "42");
        byId("run").click();

        WebElement image = chromium.waiting(WAIT).until(d -> {
            List<WebElement> done = d.findElements(By.cssSelector("#images-out img[data-size]"));
            return done.isEmpty() ? null : done.get(0);
        });
        assertThat(image.getAttribute("data-size")).isEqualTo("640x360");
        assertThat(((Number) chromium.script("return arguments[0].naturalWidth", image)).intValue()).isEqualTo(640);
        assertThat(image.findElement(By.xpath("following-sibling::figcaption")).getText()).startsWith("640×360 · webp");
        assertThat(image.getAttribute("src")).satisfiesAnyOf(
                src -> assertThat(src).contains("/v1/files/").endsWith(".webp"),
                src -> assertThat(src).startsWith("data:image/webp;base64,"));

        assertThat(byId("normalization").findElement(By.cssSelector("tr[data-field=requested] td")).getText()).isEqualTo("640x360");
        assertThat(byId("normalization").findElement(By.cssSelector("tr[data-field=sent] td")).getText()).isEqualTo("640x360");
        assertThat(byId("normalization").findElement(By.cssSelector("tr[data-field=delivered] td")).getText()).isEqualTo("640x360");
        List<WebElement> attempt = byId("attempts").findElements(By.cssSelector("tbody tr td"));
        assertThat(attempt.get(1).getText()).isEqualTo("local");
        assertThat(attempt.get(3).getText()).isEqualTo("succeeded");
        assertThat(attempt.get(5).getText()).matches("\\d+ ms");
        assertThat(byId("summary").findElement(By.cssSelector("dd[data-field=cost]")).getText()).isEqualTo("0 USD");
        assertThat(byId("status").getText()).startsWith("Done: 1 image");
        assertThat(byId("error").isDisplayed()).isFalse();

        // The gallery keeps it, newest first, across a reload.
        chromium.waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#gallery-list li[data-size='640x360']")));
        chromium.scrollToTop();
        chromium.screenshot("02-generated");
        type("size", "320x200");
        byId("run").click();
        chromium.waiting(WAIT).until(d -> d.findElements(By.cssSelector("#gallery-list li[data-size]")).size() == 2);
        chromium.driver().navigate().refresh();
        waitForModels();
        assertThat(chromium.driver().findElements(By.cssSelector("#gallery-list li[data-size]")))
                .extracting(li -> li.getAttribute("data-size")).containsExactly("320x200", "640x360");
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void should_show_the_plan_and_create_no_image_when_plan_is_pressed() throws Exception {
        long before = storedFiles();
        type("size", "1920x1080");
        type("n", "3");
        byId("plan").click();

        WebElement row = chromium.waiting(WAIT).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#plan-table tbody tr"));
            return rows.isEmpty() ? null : rows.get(0);
        });
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertThat(cells.get(0).getText()).isEqualTo("local/test-pattern");
        assertThat(cells.get(4).getText()).isEqualTo("1920x1080");
        assertThat(cells.get(6).getText()).isEqualTo("1");
        assertThat(byId("status").getText()).contains("No provider was called");
        assertThat(chromium.driver().findElements(By.cssSelector("#images-out li"))).isEmpty();
        assertThat(byId("report").isDisplayed()).isFalse();
        assertThat(storedFiles()).isEqualTo(before);
        assertThat(chromium.requests()).extracting(r -> (String) r.get("name"))
                .anyMatch(n -> n.endsWith("/v1/images/generations?dry_run=true"))
                .noneMatch(n -> n.endsWith("/v1/images/generations"));
        chromium.scrollToTop();
        chromium.screenshot("03-plan");
    }

    @Test
    void should_name_the_refused_field_when_the_gateway_answers_400() {
        type("size", "10x10");
        byId("run").click();

        WebElement error = chromium.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).startsWith("400 invalid_request:").contains("(field: size)");
        assertThat(byId("size").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(chromium.driver().findElements(By.cssSelector("#images-out li"))).isEmpty();
    }
}
