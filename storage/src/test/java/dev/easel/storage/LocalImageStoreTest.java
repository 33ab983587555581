package dev.easel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalImageStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path temp;

    private Path root;
    private LocalImageStore store;

    @BeforeEach
    void open() {
        root = temp.resolve("files");
        store = new LocalImageStore(root, "http://127.0.0.1:8080/", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ImageObject image(String requestId, byte[] data) {
        return new ImageObject(requestId, 1, "webp", "image/webp", data, NOW);
    }

    @Test
    void should_write_file_and_return_files_url_when_put() throws Exception {
        byte[] data = {'R', 'I', 'F', 'F', 1, 2, 3};

        StoredImage stored = store.put(image("abc", data)).get(10, TimeUnit.SECONDS);

        assertThat(stored.key()).matches("images/2026/11/21/[0-9a-f]{32}\\.webp");
        assertThat(stored.url()).isEqualTo("http://127.0.0.1:8080/v1/files/" + stored.key());
        assertThat(store.resolve(stored.key())).hasValueSatisfying(p -> {
            try {
                assertThat(Files.readAllBytes(p)).isEqualTo(data);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void should_leave_no_temp_files_when_put_completes() throws Exception {
        StoredImage first = store.put(image("a", new byte[100])).get(10, TimeUnit.SECONDS);
        StoredImage second = store.put(image("a", new byte[200])).get(10, TimeUnit.SECONDS);

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(Path.of(first.key()).getFileName().toString(),
                            Path.of(second.key()).getFileName().toString());
        }
        // The same caller-chosen request id twice: two images, neither replaced.
        assertThat(first.key()).isNotEqualTo(second.key());
        assertThat(Files.size(store.resolve(first.key()).orElseThrow())).isEqualTo(100);
        assertThat(Files.size(store.resolve(second.key()).orElseThrow())).isEqualTo(200);
    }

    @Test
    void should_fail_with_storage_exception_when_directory_cannot_be_created() throws Exception {
        // A regular file where the year directory should go.
        Files.writeString(root.resolve("2026"), "not a directory");

        Throwable thrown = catchThrowable(() -> store.put(image("x", new byte[1])).join());

        assertThat(thrown).isInstanceOf(CompletionException.class).cause().isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot write image '2026/11/21/")
                // storage_failed shows this message to clients: the server's folder stays private.
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(root.toString()));
    }

    @Test
    void should_store_under_the_day_directly_when_put_so_no_images_images_folder_appears() throws Exception {
        StoredImage stored = store.put(image("abc", new byte[3])).get(10, TimeUnit.SECONDS);

        assertThat(stored.key()).startsWith("images/2026/11/21/");
        assertThat(root.resolve(stored.key().substring("images/".length()))).isRegularFile();
        assertThat(root.resolve("images")).doesNotExist();
    }

    @Test
    void should_still_serve_a_file_of_the_old_images_images_layout_when_its_link_is_opened() throws Exception {
        Path old = root.resolve("images/2025/01/02/old-0.png");
        Files.createDirectories(old.getParent());
        Files.write(old, new byte[] {1, 2});

        assertThat(store.resolve("images/2025/01/02/old-0.png")).hasValue(old.toRealPath());
    }

    @Test
    void should_fail_when_store_is_closed() {
        store.close();

        Throwable thrown = catchThrowable(() -> store.put(image("x", new byte[1])).join());

        assertThat(thrown).cause().isInstanceOf(StorageException.class).hasMessageContaining("closed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..%2fx", "%2e%2e/x", "/etc/passwd", "a\\b", "images/../../x", "images/../x",
            "./images/x", "images//x", "images/", "", "images/x\u0000.png", "images/.tmp-1.part", "..", ".",
            "C:/Windows/win.ini", "images/é.png", "images/x.png?y", "images/x#y"})
    void should_refuse_name_when_it_could_escape_root(String name) throws Exception {
        // Make sure a file the traversal would reach exists, so only the guard keeps it out.
        Files.writeString(temp.resolve("x"), "outside");
        store.put(image("x", new byte[] {1})).get(10, TimeUnit.SECONDS);

        assertThat(store.resolve(name)).isEmpty();
    }

    @Test
    void should_refuse_null_name() {
        assertThat(store.resolve(null)).isEmpty();
    }

    @Test
    void should_refuse_symlink_when_it_points_outside_root() throws Exception {
        Path outside = Files.writeString(temp.resolve("secret.txt"), "secret");
        Files.createDirectories(root.resolve("images"));
        Files.createSymbolicLink(root.resolve("images/link.png"), outside);
        Files.createSymbolicLink(root.resolve("out"), temp);

        assertThat(store.resolve("images/link.png")).isEmpty();
        assertThat(store.resolve("out/secret.txt")).isEmpty();
    }

    @Test
    void should_return_empty_when_name_is_missing_or_a_directory() {
        assertThat(store.resolve("images/2026/11/21/none-0.png")).isEmpty();
        assertThat(store.resolve("images")).isEmpty();
    }

    @Test
    void should_delete_only_old_files_when_purging() throws Exception {
        StoredImage fresh = store.put(image("fresh", new byte[] {1})).get(10, TimeUnit.SECONDS);
        Path old = root.resolve("images/2026/11/19/old-0.png");
        Files.createDirectories(old.getParent());
        Files.write(old, new byte[] {2});
        Files.setLastModifiedTime(old, FileTime.from(NOW.minus(Duration.ofDays(2))));
        Path borderline = root.resolve("images/2026/11/20/borderline-0.png");
        Files.createDirectories(borderline.getParent());
        Files.write(borderline, new byte[] {3});
        Files.setLastModifiedTime(borderline, FileTime.from(NOW.minus(Duration.ofHours(23))));

        int deleted = store.purgeOlderThan(Duration.ofDays(1));

        assertThat(deleted).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(borderline).exists();
        assertThat(store.resolve(fresh.key())).isPresent();
    }

    @Test
    void should_not_follow_symlinks_when_purging() throws Exception {
        Path outsideDir = Files.createDirectories(temp.resolve("elsewhere"));
        Path precious = Files.writeString(outsideDir.resolve("keep.txt"), "keep");
        Files.setLastModifiedTime(precious, FileTime.from(NOW.minus(Duration.ofDays(30))));
        Files.createSymbolicLink(root.resolve("link"), outsideDir);

        store.purgeOlderThan(Duration.ofDays(1));

        assertThat(precious).exists();
    }
}
