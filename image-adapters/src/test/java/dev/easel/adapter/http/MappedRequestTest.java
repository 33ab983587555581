package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.Warning;
import dev.easel.adapter.poll.JobTestSupport;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MappedRequestTest {

    @Test
    void should_put_request_warnings_first_when_the_result_has_its_own() {
        Warning mapped = Warning.unsupported("style", "p");
        Warning answered = new Warning("content_filtered", null, "1 image(s) were withheld");
        AdapterResult result = new AdapterResult(List.of(new GeneratedImage.Url("https://x/1.png", null, null)),
                List.of(answered), Map.of(), Map.of("seed", 1L));

        AdapterResult merged = new MappedRequest(new JsonObject(), List.of(mapped)).withWarnings(result);

        assertThat(merged.warnings()).containsExactly(mapped, answered);
        assertThat(merged.images()).isEqualTo(result.images());
        assertThat(merged.metadata()).isEqualTo(result.metadata());
    }

    @Test
    void should_return_the_result_itself_when_there_are_no_request_warnings() {
        AdapterResult result = AdapterResult.of(List.of(new GeneratedImage.Url("https://x/1.png", null, null)));

        assertThat(new MappedRequest(new JsonObject(), null).withWarnings(result)).isSameAs(result);
    }

    @Test
    void should_warn_for_present_fields_only_when_they_are_not_honoured() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.quality = "hd";
        r.style = "vivid";
        r.seed = 7L;
        r.negativePrompt = "fog";
        AdapterRequest request = r.build();

        assertThat(MappedRequest.unhonoured(request, "p", Set.of(OptionalParam.SEED)))
                .extracting(Warning::param).containsExactly("quality", "style", "negative_prompt");
        assertThat(MappedRequest.unhonoured(request, "p", Set.of(OptionalParam.SEED,
                OptionalParam.NEGATIVE_PROMPT, OptionalParam.QUALITY, OptionalParam.STYLE)))
                .isEmpty();
    }

    @Test
    void should_have_no_media_type_when_built_without_one() {
        assertThat(new MappedRequest(new JsonObject(), List.of()).mediaType()).isNull();
        assertThat(new MappedRequest(new JsonObject(), List.of(), "image/png").mediaType()).isEqualTo("image/png");
    }
}
