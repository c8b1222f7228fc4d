package org.imageharvester.thumbnail;

import java.util.ArrayList;
import java.util.List;

/**
 * Says in one clause of the runner's start-up line what thumbnails are decoded with here, and which images are kept
 * without one and what to install for them: "thumbnails: JPEG with libjpeg-turbo, WebP with libwebp, AVIF and HEIF with
 * libheif, other formats with ImageIO".
 */
final class Decoders {

    private Decoders() {
    }

    /** The clause, given whether {@code thumbnail.libjpegTurbo} and {@code thumbnail.libheif} ask for the libraries. */
    static String of(boolean libjpegTurbo, boolean libheif) {
        List<String> with = new ArrayList<>();
        boolean turbo = libjpegTurbo && TurboJpeg.available();
        if (turbo) with.add("JPEG with libjpeg-turbo");
        if (Libwebp.available()) with.add("WebP with libwebp");
        List<String> heif = libheif ? Libheif.formats() : List.of();
        if (!heif.isEmpty()) with.add(String.join(" and ", heif) + " with libheif");
        with.add(turbo ? "other formats with ImageIO" : libjpegTurbo
                ? "JPEG and other formats with ImageIO (install libturbojpeg0 for JPEGs several times faster)"
                : "JPEG and other formats with ImageIO");
        List<String> kept = new ArrayList<>(List.of(FormatName.AVIF, FormatName.HEIF));
        kept.removeAll(heif);
        String why = !libheif ? "thumbnail.libheif = false" : !Libheif.available() ? "install libheif1"
                : "libheif here has no " + (kept.size() == 2 ? "AV1 or HEVC"
                        : kept.contains(FormatName.AVIF) ? "AV1" : "HEVC") + " decoder";
        return "thumbnails: " + String.join(", ", with) + (kept.isEmpty() ? ""
                : "; " + String.join(" and ", kept) + " images are kept without a thumbnail (" + why + ")");
    }
}
