package dev.easel.adapter.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ImageAdapterFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GeminiAdapterFactoryTest {

    @Test
    void should_be_found_by_service_loader_when_adapter_is_gemini() {
        assertThat(ServiceLoader.load(ImageAdapterFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> assertThat(f).isInstanceOf(GeminiAdapterFactory.class)
                        .extracting(ImageAdapterFactory::name).isEqualTo("gemini"));
    }
}
