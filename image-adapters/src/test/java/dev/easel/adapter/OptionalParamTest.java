package dev.easel.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OptionalParamTest {

    @Test
    void should_round_trip_every_parameter_when_looked_up_by_wire_name() {
        for (OptionalParam p : OptionalParam.values()) {
            assertThat(OptionalParam.fromWireName(p.wireName())).contains(p);
            assertThat(p).hasToString(p.wireName());
        }
    }

    @Test
    void should_find_nothing_when_the_name_is_not_a_parameter() {
        assertThat(OptionalParam.fromWireName("steps")).isEmpty();
        assertThat(OptionalParam.fromWireName("SEED")).isEmpty();
    }

    @Test
    void should_name_the_openai_fields_when_listed() {
        assertThat(Arrays.stream(OptionalParam.values()).map(OptionalParam::wireName)).containsExactly(
                "quality", "style", "background", "moderation", "user", "seed", "negative_prompt",
                "output_compression", "input_fidelity");
    }
}
