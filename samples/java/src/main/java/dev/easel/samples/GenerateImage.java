package dev.easel.samples;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Calls Easel through the official OpenAI Java SDK and saves the image.
 * Run from the repository root, with Easel started: {@code ./mvnw -q -pl samples/java exec:java}
 */
public final class GenerateImage {

    private GenerateImage() {
    }

    public static void main(String[] args) throws Exception {
        // EASEL_URL is the API base including /v1, as for every sample.
        String base = System.getenv().getOrDefault("EASEL_URL", "http://127.0.0.1:8080/v1");
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(base)
                // The SDK insists on a key; Easel ignores it unless EASEL_API_KEYS is set.
                .apiKey(System.getenv().getOrDefault("EASEL_API_KEY", "not-needed"))
                .build();
        try {
            ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                    .model(System.getenv().getOrDefault("EASEL_MODEL", "test-pattern"))
                    .prompt("a red fox in the snow")
                    .size(ImageGenerateParams.Size.of("640x480"))
                    .outputFormat(ImageGenerateParams.OutputFormat.WEBP)
                    .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                    .build());
            byte[] image = Base64.getDecoder().decode(response.data().orElseThrow().get(0).b64Json().orElseThrow());
            Path file = Path.of("fox.webp");
            Files.write(file, image);
            System.out.println("saved " + file.toAbsolutePath() + " (" + image.length + " bytes, "
                    + response.size().map(Object::toString).orElse("?") + ")");
        } finally {
            // Closes OkHttp's dispatcher and connection pool, so the JVM can exit at once.
            client.close();
        }
    }
}
