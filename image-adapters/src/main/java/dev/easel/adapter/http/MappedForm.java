package dev.easel.adapter.http;

import dev.easel.adapter.Warning;
import io.vertx.ext.web.multipart.MultipartForm;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a pure mapper produces for a multipart upstream call: the form values in order, the
 * files, and the fields it could not honour (warnings, never sent).
 *
 * @param mediaType what inline images in the answer will be when the answer does not say
 */
public record MappedForm(Map<String, String> fields, List<FormFile> files, List<Warning> warnings, String mediaType) {

    public MappedForm {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** The vert.x form to send (with {@code multipartMixed(false)}, see {@link FormBodies#form}). */
    public MultipartForm form() {
        return FormBodies.form(fields, files);
    }
}
