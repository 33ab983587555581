package dev.easel.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.testing.HeadlessChromium;
import dev.easel.gateway.testing.PlaygroundBrowser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension
    static final PlaygroundBrowser browser = PlaygroundBrowser.onOpenGateway();

    private static HeadlessChromium chromium() {
        return browser.chromium();
    }

    @BeforeEach
    void openPage() {
        chromium().driver().get(browser.gateway().baseUrl() + "/");
        waitForModels();
        chromium().consoleErrors(); // start each test with an empty console
    }

    @AfterEach
    void forgetPage() {
        chromium().script("localStorage.clear(); sessionStorage.clear();");
    }

    private static void waitForModels() {
        chromium().waiting(WAIT).until(d -> !new Select(d.findElement(By.id("model"))).getOptions().isEmpty()
                && d.findElement(By.id("provider")).findElements(By.tagName("option")).size() > 1);
    }

    private static WebElement byId(String id) {
        return chromium().driver().findElement(By.id(id));
    }

    private static void type(String id, String text) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    private static long storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(browser.gateway().storageDir())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void should_load_with_no_console_errors_or_failed_requests_when_opened() throws Exception {
        chromium().driver().navigate().refresh();
        waitForModels();

        assertThat(chromium().consoleErrors()).isEmpty();
        List<Map<String, Object>> requests = chromium().requests();
        assertThat(requests).extracting(r -> (String) r.get("name"))
                .anyMatch(n -> n.endsWith("/playground/playground.js"))
                .anyMatch(n -> n.endsWith("/playground/playground.css"))
                .anyMatch(n -> n.endsWith("/v1/models"))
                .anyMatch(n -> n.endsWith("/v1/models/test-pattern"));
        assertThat(requests).allSatisfy(r -> assertThat(((Number) r.get("status")).intValue())
                .as("status of %s", r.get("name")).isIn(200, 304));
        assertThat(chromium().driver().getTitle()).isEqualTo("Easel playground");
        chromium().scrollToTop();
        chromium().screenshot("01-loaded");
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
        chromium().waiting(WAIT).until(d -> new Select(d.findElement(By.id("provider"))).getOptions().stream()
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

        WebElement image = chromium().waiting(WAIT).until(d -> {
            List<WebElement> done = d.findElements(By.cssSelector("#images-out img[data-size]"));
            return done.isEmpty() ? null : done.get(0);
        });
        assertThat(image.getAttribute("data-size")).isEqualTo("640x360");
        assertThat(((Number) chromium().script("return arguments[0].naturalWidth", image)).intValue()).isEqualTo(640);
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
        chromium().waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#gallery-list li[data-size='640x360']")));
        chromium().scrollToTop();
        chromium().screenshot("02-generated");
        type("size", "320x200");
        byId("run").click();
        chromium().waiting(WAIT).until(d -> d.findElements(By.cssSelector("#gallery-list li[data-size]")).size() == 2);
        chromium().driver().navigate().refresh();
        waitForModels();
        assertThat(chromium().driver().findElements(By.cssSelector("#gallery-list li[data-size]")))
                .extracting(li -> li.getAttribute("data-size")).containsExactly("320x200", "640x360");
        assertThat(chromium().consoleErrors()).isEmpty();
    }

    @Test
    void should_show_the_plan_and_create_no_image_when_plan_is_pressed() throws Exception {
        long before = storedFiles();
        type("size", "1920x1080");
        type("n", "3");
        byId("plan").click();

        WebElement row = chromium().waiting(WAIT).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#plan-table tbody tr"));
            return rows.isEmpty() ? null : rows.get(0);
        });
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertThat(cells.get(0).getText()).isEqualTo("local/test-pattern");
        assertThat(cells.get(4).getText()).isEqualTo("1920x1080");
        assertThat(cells.get(6).getText()).isEqualTo("1");
        assertThat(byId("status").getText()).contains("No provider was called");
        assertThat(chromium().driver().findElements(By.cssSelector("#images-out li"))).isEmpty();
        assertThat(byId("report").isDisplayed()).isFalse();
        assertThat(storedFiles()).isEqualTo(before);
        assertThat(chromium().requests()).extracting(r -> (String) r.get("name"))
                .anyMatch(n -> n.endsWith("/v1/images/generations?dry_run=true"))
                .noneMatch(n -> n.endsWith("/v1/images/generations"));
        chromium().scrollToTop();
        chromium().screenshot("03-plan");
    }

    @Test
    void should_name_the_refused_field_when_the_gateway_answers_400() {
        type("size", "10x10");
        byId("run").click();

        WebElement error = chromium().waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).startsWith("400 invalid_request:").contains("(field: size)");
        assertThat(byId("size").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(chromium().driver().findElements(By.cssSelector("#images-out li"))).isEmpty();
    }

    @Test
    void should_show_partials_then_the_final_image_when_the_answer_is_a_stream() throws Exception {
        // The events of DESIGN "Streaming" as the gateway writes them, fed to the page through fetch:
        // split across chunks, with a keepalive comment, the final image held back until the test looks.
        JsonObject metadata = new JsonObject()
                .put("model", "gpt-image-1").put("provider", "openai")
                .put("cost", new JsonObject().put("amount", 0.04).put("currency", "USD"))
                .put("attempts", new JsonArray().add(new JsonObject().put("provider", "openai").put("model", "gpt-image-1")
                        .put("status", "succeeded").put("latency_ms", 812)))
                .put("normalization", new JsonObject().put("requested", "64x36").put("sent", "1536x1024").put("delivered", "64x36"))
                .put("warnings", new JsonArray());
        String partial = "event: image_generation.partial_image\ndata: " + new JsonObject()
                .put("type", "image_generation.partial_image").put("b64_json", base64Png(32, 18))
                .put("partial_image_index", 0).put("image_index", 0).put("size", "1536x1024").put("output_format", "png")
                .encode() + "\n\n";
        String completed = "event: image_generation.completed\ndata: " + new JsonObject()
                .put("type", "image_generation.completed").put("b64_json", base64Png(64, 36))
                .put("image_index", 0).put("size", "64x36").put("output_format", "png").put("metadata", metadata)
                .encode() + "\n\n";
        chromium().script("""
                const [partial, completed] = [arguments[0], arguments[1]];
                const realFetch = window.fetch;
                window.__bodies = [];
                window.fetch = (url, options) => {
                  if (!String(url).startsWith('/v1/images/generations')) return realFetch(url, options);
                  window.__bodies.push(JSON.parse(options.body));
                  const encoder = new TextEncoder();
                  const body = new ReadableStream({ start(c) {
                    c.enqueue(encoder.encode(partial.slice(0, 40)));
                    c.enqueue(encoder.encode(partial.slice(40) + ': keepalive\\n\\n'));
                    const timer = setInterval(() => {
                      if (!window.__release) return;
                      clearInterval(timer);
                      c.enqueue(encoder.encode(completed));
                      c.close();
                    }, 20);
                  } });
                  return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
                };
                """, partial, completed);
        byId("stream").click();
        assertThat(byId("partials").isDisplayed()).isTrue();
        byId("run").click();

        WebElement preview = chromium().waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#images-out img[data-state=partial]")));
        chromium().waiting(WAIT).until(
                d -> ((Number) chromium().script("return arguments[0].naturalWidth", preview)).intValue() == 32);
        assertThat(preview.findElement(By.xpath("following-sibling::figcaption")).getText()).isEqualTo("partial 1");
        assertThat(byId("status").getText()).startsWith("Streaming: 1 partial image");

        chromium().script("window.__release = true;");
        WebElement image = chromium().waiting(WAIT).until(d -> {
            List<WebElement> done = d.findElements(By.cssSelector("#images-out img[data-size]"));
            return done.isEmpty() ? null : done.get(0);
        });
        assertThat(image.getAttribute("data-size")).isEqualTo("64x36");
        assertThat(chromium().driver().findElements(By.cssSelector("#images-out li"))).hasSize(1);
        assertThat(byId("normalization").findElement(By.cssSelector("tr[data-field=sent] td")).getText()).isEqualTo("1536x1024");
        assertThat(byId("summary").findElement(By.cssSelector("dd[data-field=cost]")).getText()).isEqualTo("0.04 USD");
        assertThat(byId("status").getText()).startsWith("Done: 1 image").contains("after 1 partial");
        @SuppressWarnings("unchecked")
        Map<String, Object> sent = ((List<Map<String, Object>>) chromium().script("return window.__bodies")).get(0);
        assertThat(sent).containsEntry("stream", true).containsEntry("partial_images", 2L);
        assertThat(chromium().consoleErrors()).isEmpty();
    }

    private static String base64Png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
