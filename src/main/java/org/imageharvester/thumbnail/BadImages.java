package org.imageharvester.thumbnail;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.imageharvester.download.Sidecar;
import org.imageharvester.values.KeptImages;
import org.imageharvester.values.NetworkText;
import org.imageharvester.values.Outcome;

/**
 * What becomes of a saved image that does not decode ({@link UndecodableImageException}: corrupt, no decoder, over
 * {@code thumbnail.maxPixels}): reported under its link with the reason, and, unless {@code download.keepUndecodable},
 * its file removed and the ledger told, so that the next run asks for the link only if it changed.
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
        String reason = cause instanceof UndecodableImageException ? cause.getMessage() : NetworkText.reason(cause);
        Path image = Path.of(file);
        long bytes = Files.isRegularFile(image, LinkOption.NOFOLLOW_LINKS) ? Files.size(image) : 0;
        if (keep || url == null) return Outcome.undecodable(url, file, bytes, reason, false);
        Files.deleteIfExists(image);
        Files.deleteIfExists(Sidecar.of(image));
        ledger.notKept(url, reason);
        return Outcome.undecodable(url, file, bytes, reason, true);
    }
}
