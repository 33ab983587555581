package dev.easel.storage;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The default store: files under a local directory, served by the gateway at
 * {@code GET /v1/files/{key}}.
 */
public final class LocalImageStore implements ImageStore {

    /** The only characters a served name may contain; everything else (%, \, NUL, ...) is refused. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._/-]{1,512}");
    /** Temp files start with a dot so {@link #resolve} (which refuses dot-segments) never serves a half-written file. */
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String KEY_PREFIX = "images/";

    private final Path root;
    private final String filesBaseUrl;
    private final Clock clock;
    private final ExecutorService io;

    /**
     * @param root          directory that holds the images; created if missing
     * @param publicBaseUrl base of returned links, e.g. {@code http://127.0.0.1:8080}
     */
    public LocalImageStore(Path root, String publicBaseUrl, Clock clock) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(root);
            // The real path, so symlink checks in resolve() compare like with like.
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new StorageException("cannot create the image directory '" + root + "': " + e.getClass().getSimpleName(), e);
        }
        this.filesBaseUrl = stripTrailingSlashes(publicBaseUrl) + "/v1/files/";
        // File writes block; callers may be on an event loop, so the store owns two daemon threads.
        AtomicInteger n = new AtomicInteger();
        this.io = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "easel-local-store-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Path root() {
        return root;
    }

    @Override
    public CompletableFuture<StoredImage> put(ImageObject image) {
        Objects.requireNonNull(image, "image");
        String key = ImageKeys.keyFor(image);
        try {
            return CompletableFuture.supplyAsync(() -> {
                write(root.resolve(onDisk(key)), image.data());
                return new StoredImage(key, filesBaseUrl + key);
            }, io);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(new StorageException("the local image store is closed"));
        }
    }

    private void write(Path target, byte[] data) {
        Path dir = target.getParent();
        Path temp = null;
        try {
            temp = createTemp(dir);
            Files.write(temp, data);
            // mtime from the injected clock, so purge ages are consistent with the rest of Easel.
            Files.setLastModifiedTime(temp, FileTime.from(clock.instant()));
            // A hard link publishes the complete file under its name and fails if the name exists:
            // an image, once handed out, is never replaced (names are random, so this is a guard).
            try {
                Files.createLink(target, temp);
                deleteQuietly(temp);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(temp, target); // no REPLACE_EXISTING: an existing name fails instead
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            // The message goes to clients (storage_failed): it names the image, never the server's folder.
            throw new StorageException("cannot write image '" + root.relativize(target) + "' to the local store ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static Path createTemp(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            return Files.createTempFile(dir, TEMP_PREFIX, ".part");
        } catch (NoSuchFileException purgedMeanwhile) {
            // purgeOlderThan may remove an empty day directory between the two calls: retry once.
            Files.createDirectories(dir);
            return Files.createTempFile(dir, TEMP_PREFIX, ".part");
        }
    }

    /**
     * Maps a name from {@code GET /v1/files/{name}} to a file, or empty when the name is not a
     * plain relative key of an existing regular file inside root. Refuses anything that could
     * escape root: {@code ..} and {@code .} segments, absolute paths, backslashes, percent
     * escapes, NUL and any character outside {@code [A-Za-z0-9._/-]}, and symlinks pointing out.
     */
    public Optional<Path> resolve(String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.startsWith("/")) {
            return Optional.empty();
        }
        for (String segment : name.split("/", -1)) {
            // Empty segments (a//b, trailing /) and anything starting with a dot (., .., temp files).
            if (segment.isEmpty() || segment.startsWith(".")) {
                return Optional.empty();
            }
        }
        Optional<Path> current = existing(onDisk(name));
        // Files written before the layout change sit under root/images/...: their links keep working.
        return current.isPresent() || name.equals(onDisk(name)) ? current : existing(name);
    }

    /**
     * The file for a key: the {@code images/} prefix of {@link ImageKeys} is the root itself
     * (whose default is {@code ./data/images}), so files do not land in {@code images/images/}.
     */
    static String onDisk(String key) {
        return key.startsWith(KEY_PREFIX) ? key.substring(KEY_PREFIX.length()) : key;
    }

    private Optional<Path> existing(String name) {
        Path candidate = root.resolve(name).normalize();
        if (!candidate.startsWith(root)) {
            return Optional.empty();
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException missing) {
            return Optional.empty();
        }
    }

    /**
     * Deletes files (and then empty directories) last modified more than {@code age} ago.
     * Symlinks are never followed. Returns how many files were deleted. Blocking file I/O:
     * call it from a worker (the gateway schedules it with executeBlocking), never an event loop.
     */
    public int purgeOlderThan(Duration age) {
        Objects.requireNonNull(age, "age");
        Instant cutoff = clock.instant().minus(age);
        AtomicInteger deleted = new AtomicInteger();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        try {
                            if (Files.deleteIfExists(file)) {
                                deleted.incrementAndGet();
                            }
                        } catch (IOException e) {
                            // Another purge or a reader on Windows: try again next round.
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    // Only old directories: a fresh one may be about to receive a put.
                    if (!dir.equals(root) && Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
                        try {
                            Files.deleteIfExists(dir);
                        } catch (DirectoryNotEmptyException stillUsed) {
                            // keep it
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new StorageException("purge of '" + root + "' failed: " + e.getClass().getSimpleName(), e);
        }
        return deleted.get();
    }

    /** Creates and deletes a hidden temp file in root: the folder exists and is writable. */
    @Override
    public CompletableFuture<Void> checkReady() {
        try {
            return CompletableFuture.runAsync(() -> {
                Path probe = null;
                try {
                    probe = Files.createTempFile(root, TEMP_PREFIX + "ready-", ".part");
                } catch (IOException e) {
                    throw new StorageException("the image directory '" + root + "' is not writable: "
                            + e.getClass().getSimpleName(), e);
                } finally {
                    deleteQuietly(probe);
                }
            }, io);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(new StorageException("the local image store is closed"));
        }
    }

    @Override
    public String describe() {
        return "local folder " + root + " (served at " + filesBaseUrl + ")";
    }

    @Override
    public void close() {
        io.shutdown();
    }

    static String stripTrailingSlashes(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: purge removes leftovers later
            }
        }
    }
}
