package dev.easel.adapter.compat;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code adapter: openai-compatible}: Together, xAI, Recraft or any other upstream with
 * OpenAI's images API at {@code base_url}; {@code options} pick the dialect.
 */
public final class OpenAiCompatibleAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "openai-compatible";
    }

    static final Set<String> OPTIONS = Set.of("response_format_value", "size_fields", "aspect_ratio_field",
            "output_format_field");

    @Override
    public void checkOptions(Map<String, Object> options) {
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("options." + key + ": unknown option, expected one of " + new TreeSet<>(OPTIONS));
            }
        }
        OpenAiCompatibleOptions.from(options);
    }

    @Override
    public Set<OptionalParam> honouredParams() {
        return EnumSet.allOf(OptionalParam.class);
    }

    @Override
    public ImageAdapter create(ProviderContext context) {
        return new OpenAiCompatibleAdapter(context);
    }
}
