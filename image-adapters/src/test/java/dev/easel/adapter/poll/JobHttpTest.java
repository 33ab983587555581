package dev.easel.adapter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ErrorKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class JobHttpTest {

    private static final Set<String> BFL = Set.of("bfl.ai", "bfl.ml");

    @Test
    void should_allow_key_when_url_is_the_configured_origin() {
        assertThat(JobHttp.keyMayGoTo("https://api.bfl.ai/v1", "https://api.bfl.ai/v1/get_result?id=1", BFL)).isTrue();
        assertThat(JobHttp.keyMayGoTo("http://127.0.0.1:8089/v1", "http://127.0.0.1:8089/v1/get_result", Set.of())).isTrue();
        assertThat(JobHttp.keyMayGoTo("https://api.bfl.ai/v1", "https://api.bfl.ai:443/x", BFL)).isTrue();
    }

    @Test
    void should_allow_key_when_url_is_a_regional_host_of_the_same_family() {
        assertThat(JobHttp.keyMayGoTo("https://api.bfl.ai/v1", "https://api.eu2.bfl.ai/v1/get_result?id=1", BFL)).isTrue();
        assertThat(JobHttp.keyMayGoTo("https://api.bfl.ml/v1", "https://gateway.bfl.ml/x", BFL)).isTrue();
    }

    @Test
    void should_refuse_key_when_url_is_foreign_downgraded_or_lookalike() {
        assertThat(JobHttp.keyMayGoTo("https://api.bfl.ai/v1", "https://evil.example.com/get_result", BFL)).isFalse();
        assertThat(JobHttp.keyMayGoTo("https://api.bfl.ai/v1", "https://bfl.ai.evil.com/x", BFL)).isFalse();
        assertThat(JobHttp.keyMayGoTo("https://api.bfl.ai/v1", "https://evilbfl.ai/x", BFL)).isFalse();
        assertThat(JobHttp.keyMayGoTo("https://api.bfl.ai/v1", "http://api.eu2.bfl.ai/x", BFL)).isFalse();
        assertThat(JobHttp.keyMayGoTo("https://api.bfl.ai/v1", "https://api.bfl.ml/x", BFL)).isFalse();
        assertThat(JobHttp.keyMayGoTo("http://127.0.0.1:8089/v1", "http://127.0.0.1:9999/v1", BFL)).isFalse();
        assertThat(JobHttp.keyMayGoTo("https://api.bfl.ai/v1", "ftp://api.bfl.ai/x", BFL)).isFalse();
        assertThat(JobHttp.keyMayGoTo("https://api.bfl.ai/v1", "not a url", BFL)).isFalse();
    }

    @Test
    void should_read_objects_only_when_parsing_bodies() {
        assertThat(JobHttp.jsonObject(Buffer.buffer("{\"a\":1}"))).isEqualTo(new JsonObject().put("a", 1));
        assertThat(JobHttp.jsonObject(Buffer.buffer("[1]"))).isNull();
        assertThat(JobHttp.jsonObject(Buffer.buffer("<html>"))).isNull();
        assertThat(JobHttp.jsonObject(Buffer.buffer("{broken"))).isNull();
        assertThat(JobHttp.jsonObject(Buffer.buffer(""))).isNull();
    }

    @Test
    void should_classify_transport_errors_when_no_answer() {
        assertThat(JobHttp.transportError("p", "x", new TimeoutException("t")).kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(JobHttp.transportError("p", "x", new ConnectException("refused http://h/?token=s")).kind())
                .isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(JobHttp.transportError("p", "x", new ConnectException("refused http://h/?token=s")).getMessage())
                .doesNotContain("token");
    }

    @Test
    void should_let_options_win_when_merging() {
        JsonObject body = new JsonObject().put("prompt", "a").put("seed", 1);

        JobHttp.mergeOptions(body, Map.of("seed", 2, "extra", Map.of("k", "v")));

        assertThat(body).isEqualTo(new JsonObject().put("prompt", "a").put("seed", 2).put("extra", new JsonObject().put("k", "v")));
    }
}
