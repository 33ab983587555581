package dev.easel.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ImageAdapterFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LocalAdapterFactoryTest {

    @Test
    void should_be_found_by_the_service_loader_when_asked_for_local() {
        assertThat(ServiceLoader.load(ImageAdapterFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(f -> f.name().equals("local"))
                .singleElement()
                .isInstanceOf(LocalAdapterFactory.class);
    }

    @Test
    void should_need_no_api_key_when_created() {
        assertThat(new LocalAdapterFactory().requiresApiKey()).isFalse();
    }
}
