package dev.easel.adapter.size;

/**
 * The one choice rule for every size style. Written in full by the size-normalization work;
 * this first cut only serves what the local provider needs.
 */
public final class SizeNormalizer {

    private SizeNormalizer() {
    }

    public static NormalizedSize normalize(RequestedSize requested, SizeStyle style) {
        throw new UnsupportedOperationException("not yet");
    }
}
