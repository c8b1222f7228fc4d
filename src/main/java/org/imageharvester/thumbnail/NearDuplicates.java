package org.imageharvester.thumbnail;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.camel.ExchangeProperty;

import org.imageharvester.download.Sidecar;
import org.imageharvester.values.KeptImages;
import org.imageharvester.values.Likeness;
import org.imageharvester.values.Outcome;

/**
 * Judges an image just thumbnailed against the images saved before it, by the perceptual hash its thumbnail's decode
 * gave: within {@code dedup.nearDistance} bits of one, it is that one's near-duplicate; reported beside it ({@code
 * dedup.near = report}), or removed with its thumbnail, the ledger told ({@code drop}). Every image's hash is kept in
 * the ledger, for the images after it ({@code off} keeps them too, and judges none).
 */
public final class NearDuplicates {

    private KeptImages ledger;
    private Thumbnailer thumbnailer;
    private String mode;
    private int maxDistance;

    /** Sets the ledger, which keeps the hashes and finds the near ones ({@code ledger}). */
    public void setLedger(KeptImages ledger) {
        this.ledger = ledger;
    }

    /** Sets the thumbnailer, which names the earlier image's thumbnail ({@code thumbnailer}). */
    public void setThumbnailer(Thumbnailer thumbnailer) {
        this.thumbnailer = thumbnailer;
    }

    /** Sets {@code dedup.near}: report, drop or off. */
    public void setMode(String mode) {
        String m = mode.trim().toLowerCase(Locale.ROOT);
        if (!m.equals("report") && !m.equals("drop") && !m.equals("off")) {
            throw new IllegalArgumentException("dedup.near must be report, drop or off, not " + mode);
        }
        this.mode = m;
    }

    /** Sets {@code dedup.nearDistance}: the bits (0-64) two hashes may differ in to be near. */
    public void setMaxDistance(int maxDistance) {
        if (maxDistance < 0 || maxDistance > 64) {
            throw new IllegalArgumentException("dedup.nearDistance must be 0 to 64, not " + maxDistance);
        }
        this.maxDistance = maxDistance;
    }

    /**
     * The outcome of the thumbnail of the image of {@code url}: as it is, or, when the image (saved by this run)
     * resembles one saved earlier, its near-duplicate's. An image saved in an earlier run (its thumbnail was missing)
     * has its hash kept, and is not judged.
     */
    public Outcome judge(@ExchangeProperty("imageUrl") String url, @ExchangeProperty("outcome") Outcome thumbnail,
            @ExchangeProperty("savedNow") boolean savedNow) throws Exception {
        Likeness likeness = thumbnail.likeness();
        if (likeness == null || url == null || thumbnail.kind() != Outcome.Kind.THUMBNAIL) return thumbnail;
        int distance = savedNow && !mode.equals("off") ? maxDistance : -1;
        KeptImages.Earlier earlier = ledger.resemble(url, thumbnail.url(), likeness.hash(), distance);
        if (earlier == null) return thumbnail;
        Likeness near = likeness.near(earlier.file(), earlier.url(), thumbnailer.thumbnailOf(earlier.file()),
                earlier.distance());
        Path image = Path.of(thumbnail.url());
        long bytes = Files.isRegularFile(image, LinkOption.NOFOLLOW_LINKS) ? Files.size(image) : 0;
        boolean drop = mode.equals("drop");
        if (drop) remove(url, image, Path.of(thumbnail.detail()), earlier);
        return Outcome.nearDuplicate(url, thumbnail, bytes, near, drop);
    }

    // the image and its thumbnail go; the ledger keeps the link's validators, so it is asked for only if it changed
    private void remove(String url, Path image, Path thumbnail, KeptImages.Earlier earlier) throws Exception {
        Files.deleteIfExists(thumbnail);
        Files.deleteIfExists(image);
        Files.deleteIfExists(Sidecar.of(image));
        ledger.notKept(url, "a near-duplicate of " + earlier.file() + " (" + earlier.url() + ", " + earlier.distance()
                + " bits apart)");
    }
}
