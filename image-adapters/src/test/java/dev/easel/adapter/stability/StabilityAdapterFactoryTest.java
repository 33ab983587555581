package dev.easel.adapter.stability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ImageAdapterFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class StabilityAdapterFactoryTest {

    @Test
    void should_be_found_by_service_loader_when_adapter_is_stability() {
        assertThat(ServiceLoader.load(ImageAdapterFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> assertThat(f).isInstanceOf(StabilityAdapterFactory.class)
                        .extracting(ImageAdapterFactory::name).isEqualTo("stability"));
    }
}
