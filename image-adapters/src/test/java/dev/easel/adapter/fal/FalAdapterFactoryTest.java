package dev.easel.adapter.fal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ImageAdapterFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class FalAdapterFactoryTest {

    @Test
    void should_be_found_by_service_loader_when_on_classpath() {
        assertThat(ServiceLoader.load(ImageAdapterFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> {
                    assertThat(f).isInstanceOf(FalAdapterFactory.class);
                    assertThat(f.name()).isEqualTo("fal");
                    assertThat(f.requiresApiKey()).isTrue();
                });
    }
}
