package dev.easel.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionalParamsTest {

    private static final OptionalParams ALL =
            new OptionalParams(80, "high", "vivid", "opaque", "low", "u1", 7L, "blurry", "high");

    @Test
    void should_list_set_parameters_by_wire_name_in_a_stable_order_when_asked() {
        assertThat(ALL.present()).containsExactly(OptionalParam.values());
        assertThat(new OptionalParams(9, null, null, null, null, null, 3L, "x").present())
                .containsExactly(OptionalParam.SEED, OptionalParam.NEGATIVE_PROMPT, OptionalParam.OUTPUT_COMPRESSION);
        assertThat(OptionalParams.NONE.present()).isEmpty();
    }

    @Test
    void should_null_every_parameter_the_predicate_refuses_when_retaining() {
        OptionalParams kept = ALL.retain(Set.of(OptionalParam.SEED, OptionalParam.QUALITY)::contains);

        assertThat(kept).isEqualTo(new OptionalParams(null, "high", null, null, null, null, 7L, null));
    }

    @Test
    void should_read_each_parameter_by_its_enum_when_asked() {
        for (OptionalParam p : OptionalParam.values()) {
            assertThat(ALL.value(p)).as(p.wireName()).isNotNull();
            assertThat(OptionalParams.NONE.value(p)).isNull();
        }
        assertThat(ALL.value(OptionalParam.NEGATIVE_PROMPT)).isEqualTo("blurry");
        assertThat(ALL.value(OptionalParam.INPUT_FIDELITY)).isEqualTo("high");
    }
}
