package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    @Test
    void should_read_objects_only_when_parsing_bodies() {
        assertThat(JsonBodies.object(Buffer.buffer("{\"a\":1}"))).isEqualTo(new JsonObject().put("a", 1));
        assertThat(JsonBodies.object(Buffer.buffer("[1]"))).isNull();
        assertThat(JsonBodies.object(Buffer.buffer("<html>"))).isNull();
        assertThat(JsonBodies.object(Buffer.buffer("{broken"))).isNull();
        assertThat(JsonBodies.object(Buffer.buffer(""))).isNull();
    }

    @Test
    void should_read_the_same_when_body_is_text_or_bytes() {
        assertThat(JsonBodies.object("  {\"a\":1}\n")).isEqualTo(new JsonObject().put("a", 1));
        assertThat(JsonBodies.object("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo(new JsonObject().put("a", 1));
        assertThat(JsonBodies.object("   ")).isNull();
        assertThat(JsonBodies.object((String) null)).isNull();
        assertThat(JsonBodies.object((byte[]) null)).isNull();
        assertThat(JsonBodies.object((Buffer) null)).isNull();
        assertThat(JsonBodies.object("\"text\"")).isNull();
    }

    @Test
    void should_drop_nulls_and_unwrap_json_when_copying_to_a_map() {
        JsonObject usage = new JsonObject().put("total_tokens", 5).putNull("cached")
                .put("details", new JsonObject().put("image", 4)).put("list", new JsonArray().add(1));

        Map<String, Object> map = JsonBodies.withoutNulls(usage);

        assertThat(map).containsOnlyKeys("total_tokens", "details", "list");
        assertThat(map.get("details")).isEqualTo(Map.of("image", 4));
        assertThat(map.get("list")).isEqualTo(List.of(1));
    }
}
