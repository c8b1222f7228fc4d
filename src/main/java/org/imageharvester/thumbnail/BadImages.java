package org.imageharvester.thumbnail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.imageharvester.download.Sidecar;
import org.imageharvester.values.KeptImages;
import org.imageharvester.values.NetworkText;
import org.imageharvester.values.Outcome;

/**
 * What becomes of a saved image that does not decode ({@link UndecodableImageException}: corrupt, over {@code
 * thumbnail.maxPixels}): reported under its link with the reason, and, unless {@code download.keepUndecodable}, its
 * file removed and the ledger told, so that the next run asks for the link only if it changed. One of a format with no
 * decoder here ({@link NoDecoderException}) is not broken: kept, and reported without a thumbnail.
 */
public final class BadImages {

    private KeptImages ledger;
    private boolean keep;

    /** Sets the ledger, told of each file removed ({@code ledger}). */
    public void setLedger(KeptImages ledger) {
        this.ledger = ledger;
    }

    /** Sets {@code download.keepUndecodable}: true keeps the file in {@code download.dir}. */
    public void setKeep(boolean keep) {
        this.keep = keep;
    }

    /** The outcome of the image {@code file} of {@code url}, which does not decode (why: {@code cause}). */
    public Outcome undecodable(String url, String file, Throwable cause) throws Exception {
        if (cause instanceof NoDecoderException) return withoutThumbnail(url, file, cause);
        String reason = cause instanceof UndecodableImageException ? cause.getMessage() : NetworkText.reason(cause);
        Path image = Path.of(file);
        long bytes = size(image);
        if (keep || url == null) return Outcome.undecodable(url, file, bytes, reason, false);
        Files.deleteIfExists(image);
        Files.deleteIfExists(Sidecar.of(image));
        ledger.notKept(url, reason);
        return Outcome.undecodable(url, file, bytes, reason, true);
    }

    /**
     * The outcome of the image {@code file} of {@code url}, of a format with no decoder here ({@code cause} says
     * which): kept whatever {@code download.keepUndecodable} says, and the ledger not told.
     */
    public Outcome withoutThumbnail(String url, String file, Throwable cause) throws IOException {
        return Outcome.noThumbnail(url, file, size(Path.of(file)), cause.getMessage());
    }

    private static long size(Path image) throws IOException {
        return Files.isRegularFile(image, LinkOption.NOFOLLOW_LINKS) ? Files.size(image) : 0;
    }
}
