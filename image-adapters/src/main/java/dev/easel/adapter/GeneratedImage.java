package dev.easel.adapter;

import java.util.Objects;

/**
 * One image as the provider gave it: a URL to fetch, or the bytes themselves. The media
 * type is only the provider's claim; the pipeline trusts magic bytes, not this.
 */
public sealed interface GeneratedImage {

    /** The provider's claimed media type ({@code image/png}), or null if it said nothing. */
    String mediaType();

    /** The prompt the provider actually used (dall-e-3 rewrites prompts), or null. */
    String revisedPrompt();

    record Url(String url, String mediaType, String revisedPrompt) implements GeneratedImage {
        public Url {
            Objects.requireNonNull(url, "url");
        }
    }

    record Bytes(byte[] data, String mediaType, String revisedPrompt) implements GeneratedImage {
        public Bytes {
            Objects.requireNonNull(data, "data");
        }

        /** Records print arrays by identity; a length is more useful in logs and tests. */
        @Override
        public String toString() {
            return "Bytes[" + data.length + " bytes, " + mediaType + "]";
        }
    }
}
