package dev.easel.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ImageAdapterFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OpenAiAdapterFactoryTest {

    @Test
    void should_be_found_by_service_loader_when_adapter_is_openai() {
        assertThat(ServiceLoader.load(ImageAdapterFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> {
                    assertThat(f.name()).isEqualTo("openai");
                    assertThat(f).isInstanceOf(OpenAiAdapterFactory.class);
                    assertThat(f.requiresApiKey()).isTrue();
                });
    }
}
