package dev.easel.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.images.Image;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.easel.gateway.testing.RunningGateway;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippet ({@code <!-- snippet: java-openai -->}) is the code between the
 * {@code README:java-openai} markers below, character for character once indented the same
 * and with the test gateway's address in place of {@code http://127.0.0.1:8080/v1}; this test
 * checks that, and runs it.
 */
class ReadmeJavaSnippetTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "dev", "easel", "gateway", "e2e", "ReadmeJavaSnippetTest.java");
    private static final String README_URL = "\"http://127.0.0.1:8080/v1\"";
    private static final String TEST_URL = "gateway.baseUrl() + \"/v1\"";

    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void should_match_the_readme_when_the_snippet_is_compared_with_the_code_run_here() throws Exception {
        Matcher inReadme = Pattern.compile("<!-- snippet: java-openai -->\n```java\n([\\s\\S]*?)\n```")
                .matcher(Files.readString(README));
        assertThat(inReadme.find()).as("README has the java-openai snippet").isTrue();
        Matcher inSource = Pattern.compile("// README:java-openai start\n([\\s\\S]*?)\n\\s*// README:java-openai end")
                .matcher(Files.readString(SOURCE));
        assertThat(inSource.find()).isTrue();

        assertThat(outdent(inSource.group(1)).replace(TEST_URL, README_URL)).isEqualTo(inReadme.group(1));
    }

    @Test
    void should_read_both_b64_json_and_url_and_honour_easels_fields_when_the_readme_snippet_runs() throws Exception {
        // README:java-openai start
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.baseUrl() + "/v1").apiKey("not-needed").build();
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model("test-pattern")
                .prompt("a lighthouse at dusk")
                .putAdditionalBodyProperty("aspect_ratio", JsonValue.from("16:9"))
                .putAdditionalBodyProperty("resolution", JsonValue.from("1K"))
                .putAdditionalBodyProperty("seed", JsonValue.from(42))
                .build());
        Image image = response.data().orElseThrow().get(0);
        byte[] png = Base64.getDecoder().decode(image.b64Json().orElseThrow());
        String url = image.url().orElseThrow();
        // README:java-openai end

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertThat((double) decoded.getWidth() / decoded.getHeight()).isCloseTo(16 / 9.0, offset(0.02));
        HttpResponse<byte[]> hosted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(hosted.body()).isEqualTo(png);
    }

    /** Removes the indentation the first line has from every line. */
    private static String outdent(String block) {
        String first = block.lines().findFirst().orElse("");
        String indent = first.substring(0, first.length() - first.stripLeading().length());
        return block.lines().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
