package dev.easel.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiEventStreamParserTest {

    private final List<OpenAiEventStreamParser.Event> events = new ArrayList<>();
    private final OpenAiEventStreamParser parser = new OpenAiEventStreamParser("openai", 1024, events::add);

    private void feed(String... chunks) {
        for (String chunk : chunks) {
            parser.feed(Buffer.buffer(chunk.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private List<String> seen() {
        return events.stream().map(e -> e.type() + "=" + e.text()).toList();
    }

    @Test
    void should_dispatch_each_event_when_openai_frames_them_with_event_and_one_data_line() {
        feed("event: image_generation.partial_image\ndata: {\"a\":1}\n\n"
                + "event: image_generation.completed\ndata: {\"b\":2}\n\n");

        assertThat(seen()).containsExactly("image_generation.partial_image={\"a\":1}", "image_generation.completed={\"b\":2}");
    }

    @Test
    void should_give_the_same_events_when_the_body_is_cut_at_every_byte() {
        String body = "event: x\r\ndata: {\"a\":1}\r\n\r\n: keepalive\n\nevent: y\rdata: [DONE]\r\r";
        for (char c : body.toCharArray()) {
            feed(String.valueOf(c));
        }

        assertThat(seen()).containsExactly("x={\"a\":1}", "y=[DONE]");
    }

    @Test
    void should_skip_comments_and_ignore_id_retry_and_unknown_fields() {
        feed(": keepalive\n\n:another\nid: 7\nretry: 10\nfoo: bar\nevent: e\ndata: d\n\n");

        assertThat(seen()).containsExactly("e=d");
    }

    @Test
    void should_join_data_lines_with_lf_and_name_an_unnamed_event_message() {
        feed("data: first\ndata:second\ndata\n\n");

        assertThat(seen()).containsExactly("message=first\nsecond\n");
    }

    @Test
    void should_dispatch_nothing_when_a_blank_line_follows_no_data() {
        feed("event: lonely\n\n\n\n");

        assertThat(events).isEmpty();
    }

    @Test
    void should_drop_an_event_without_its_blank_line_when_the_body_ends() {
        feed("event: a\ndata: 1\n\nevent: b\ndata: {\"half\":");
        parser.end();

        assertThat(seen()).containsExactly("a=1");
    }

    @Test
    void should_skip_a_leading_byte_order_mark() {
        parser.feed(Buffer.buffer(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).appendString("event: a\ndata: 1\n\n"));

        assertThat(seen()).containsExactly("a=1");
    }

    @Test
    void should_fail_upstream_when_a_line_grows_past_the_limit_without_ending() {
        feed("data: " + "A".repeat(1000));

        assertThatThrownBy(() -> feed("A".repeat(100)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
                    assertThat(e.getMessage()).contains("1024 byte limit");
                });
    }

    @Test
    void should_fail_when_data_lines_of_one_event_add_up_past_the_limit() {
        assertThatThrownBy(() -> feed("data: " + "A".repeat(600) + "\n", "data: " + "B".repeat(600) + "\n"))
                .isInstanceOf(ProviderException.class);
    }

    @Test
    void should_hold_a_large_data_line_fed_in_small_chunks_as_one_event() {
        OpenAiEventStreamParser big = new OpenAiEventStreamParser("openai", 4 << 20, events::add);
        String value = "x".repeat(3 << 20);
        big.feed(Buffer.buffer("event: image_edit.completed\ndata: "));
        for (int i = 0; i < value.length(); i += 8192) {
            big.feed(Buffer.buffer(value.substring(i, Math.min(value.length(), i + 8192))));
        }
        big.feed(Buffer.buffer("\n\n"));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("image_edit.completed");
            assertThat(e.data().length()).isEqualTo(3 << 20);
        });
    }
}
