package dev.easel.adapter.http;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import java.util.Base64;

/** Images a provider sent inline as base64 text. */
public final class Base64Images {

    private Base64Images() {
    }

    /**
     * The decoded bytes; a 200 whose image is not base64 is an INVALID_IMAGE failure, worth
     * trying elsewhere. The MIME decoder, because some providers wrap long base64 lines.
     *
     * @param field what the provider sent, for the message ({@code "b64_json"})
     */
    public static byte[] decode(String provider, String b64, String field) {
        try {
            return Base64.getMimeDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(ErrorKind.INVALID_IMAGE, provider, 200,
                    provider + " answered " + field + " that is not base64");
        }
    }
}
