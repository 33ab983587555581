package dev.easel.adapter.http;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;

/**
 * An adapter's own guard for edits, behind the gateway's routing: an edit the provider's
 * model cannot take is refused as INVALID_REQUEST, never sent as a text-to-image call (the
 * provider would ignore an unknown image field and answer a picture that has nothing to do
 * with the input) and never with images or a mask silently left out.
 */
public final class EditChecks {

    private EditChecks() {
    }

    /** The model has no edit fields this adapter knows. */
    public static ProviderException notAnEditModel(String provider, String model) {
        return new ProviderException(ErrorKind.INVALID_REQUEST, provider, 0,
                provider + ": '" + model + "' is not an edit model this adapter knows; set the route's edit.model");
    }

    /**
     * Fails when the request has more input images than {@code max}, or a mask where the
     * model reads none ({@code takesMask} false).
     */
    public static void require(AdapterRequest request, String provider, int max, boolean takesMask) {
        if (request.inputs().size() > max) {
            throw new ProviderException(ErrorKind.INVALID_REQUEST, provider, 0,
                    provider + ": '" + request.providerModel() + "' takes at most " + max + " input image(s); "
                            + request.inputs().size() + " were sent");
        }
        if (request.mask() != null && !takesMask) {
            throw new ProviderException(ErrorKind.INVALID_REQUEST, provider, 0,
                    provider + ": '" + request.providerModel() + "' takes no mask");
        }
    }
}
