package dev.easel.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.testing.HeadlessChromium;
import dev.easel.gateway.testing.PlaygroundBrowser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The playground on a gateway with {@code EASEL_API_KEYS}: the page loads, then asks for a key. */
class PlaygroundKeyBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "pg-test-key-7f3a";

    @RegisterExtension
    static final PlaygroundBrowser browser = PlaygroundBrowser.onGateway(Map.of("EASEL_API_KEYS", "other-key," + KEY));

    private static HeadlessChromium chromium() {
        return browser.chromium();
    }

    private static WebElement byId(String id) {
        return chromium().driver().findElement(By.id(id));
    }

    private static WebElement openDialog() {
        return chromium().waiting(WAIT).until(d -> {
            WebElement dialog = d.findElement(By.id("key-dialog"));
            return dialog.getAttribute("open") != null ? dialog : null;
        });
    }

    @Test
    void should_ask_for_a_key_refuse_a_wrong_one_and_work_with_the_right_one_when_api_keys_are_set() throws Exception {
        chromium().driver().get(browser.gateway().baseUrl() + "/");

        // The page and its assets came without a key; the API did not.
        openDialog();
        assertThat(chromium().requests()).filteredOn(r -> ((String) r.get("name")).contains("/playground/"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(((Number) r.get("status")).intValue()).isIn(200, 304));
        assertThat(chromium().driver().switchTo().activeElement().getAttribute("id")).isEqualTo("key-input");
        assertThat(byId("status").getText()).isEqualTo("This gateway needs an API key.");
        chromium().scrollToTop();
        chromium().screenshot("10-key-prompt");

        byId("key-input").sendKeys("wrong-key");
        byId("key-save").click();
        WebElement refused = chromium().waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("key-error")));
        assertThat(refused.getText()).startsWith("That key was refused");
        assertThat(chromium().script("return sessionStorage.getItem('easel.key')")).isEqualTo("wrong-key");

        byId("key-input").sendKeys(KEY);
        byId("key-save").click();
        chromium().waiting(WAIT).until(d -> d.findElement(By.id("provider")).findElements(By.tagName("option")).size() > 1);
        assertThat(byId("key-dialog").getAttribute("open")).isNull();
        assertThat(new Select(byId("model")).getFirstSelectedOption().getAttribute("value")).isEqualTo("test-pattern");
        assertThat(chromium().script("return sessionStorage.getItem('easel.key')")).isEqualTo(KEY);
        assertThat(chromium().script("return localStorage.getItem('easel.key')")).isNull();

        // The key goes with every call: a generation works.
        WebElement size = byId("size");
        size.clear();
        size.sendKeys("256x128");
        byId("run").click();
        WebElement image = chromium().waiting(WAIT).until(d -> {
            List<WebElement> done = d.findElements(By.cssSelector("#images-out img[data-size]"));
            return done.isEmpty() ? null : done.get(0);
        });
        assertThat(image.getAttribute("data-size")).isEqualTo("256x128");

        // A reload keeps the key for this tab: no prompt, models at once.
        chromium().driver().navigate().refresh();
        chromium().waiting(WAIT).until(d -> d.findElement(By.id("provider")).findElements(By.tagName("option")).size() > 1);
        assertThat(byId("key-dialog").getAttribute("open")).isNull();
        assertThat(byId("key-button").isDisplayed()).isTrue();
        assertThat(chromium().driver().findElements(By.cssSelector("#gallery-list li[data-size='256x128']"))).hasSize(1);
    }
}
