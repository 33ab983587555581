package dev.easel.adapter.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.openai.Fixtures;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OpenAiCompatibleAdapterFactoryTest {

    @Test
    void should_be_found_by_service_loader_when_adapter_is_openai_compatible() {
        assertThat(ServiceLoader.load(ImageAdapterFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> assertThat(f).isInstanceOf(OpenAiCompatibleAdapterFactory.class)
                        .extracting(ImageAdapterFactory::name).isEqualTo("openai-compatible"));
    }

    @Test
    void should_refuse_to_start_when_an_option_is_wrong(Vertx vertx) {
        assertThatThrownBy(() -> new OpenAiCompatibleAdapterFactory().create(Fixtures.context(vertx, "together",
                "openai-compatible", "https://api.together.xyz/v1", Map.of("size_fields", "px"))))
                .hasMessageContaining("size_fields");
    }
}
