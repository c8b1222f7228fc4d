package org.imageharvester.thumbnail;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import org.apache.camel.ExchangeProperty;

import org.imageharvester.download.Sidecar;
import org.imageharvester.values.KeptImages;
import org.imageharvester.values.Likeness;
import org.imageharvester.values.Outcome;

/**
 * Judges an image just thumbnailed against the images saved before it, by the perceptual hash its thumbnail's decode
 * gave: within {@code dedup.nearDistance} bits of one, it is that one's near-duplicate; reported beside it ({@code
 * dedup.near = report}), or the smaller of the two removed with its thumbnail and sidecar, the ledger told ({@code
 * drop}): more pixels stay, then more bytes, then the one judged first, whichever arrived first. Every image's hash is
 * kept in the ledger, for the images after it ({@code off} keeps them too, and judges none).
 */
public final class NearDuplicates {

    private KeptImages ledger;
    private Thumbnailer thumbnailer;
    private String mode;
    private int maxDistance;

    /**
     * What became of an image judged: its thumbnail's outcome (made, a near-duplicate kept, or removed), and, when it
     * replaced a smaller image saved before it, that image's outcome (else null).
     */
    public record Judged(Outcome outcome, Outcome replaced) {
    }

    /** Sets the ledger, which keeps the hashes, finds the near ones and chooses which stays ({@code ledger}). */
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
     * What became of the image of {@code url}, whose thumbnail's outcome this is: as it is, or, when the image (saved
     * by this run) resembles one saved earlier, its near-duplicate's; with {@code drop}, the smaller of the two is
     * removed (this one, or the earlier one: then its outcome is handed on too). An image saved in an earlier run (its
     * thumbnail was missing) has its hash kept, and is not judged.
     */
    public Judged judge(@ExchangeProperty("imageUrl") String url, @ExchangeProperty("outcome") Outcome thumbnail,
            @ExchangeProperty("savedNow") boolean savedNow, @ExchangeProperty("runBegan") Instant runBegan)
            throws Exception {
        Likeness likeness = thumbnail.likeness();
        if (likeness == null || url == null || thumbnail.kind() != Outcome.Kind.THUMBNAIL) {
            return new Judged(thumbnail, null);
        }
        int distance = savedNow && !mode.equals("off") ? maxDistance : -1;
        boolean drop = mode.equals("drop");
        KeptImages.Image image = new KeptImages.Image(url, thumbnail.url(), likeness.hash(), likeness.width(),
                likeness.height(), size(Path.of(thumbnail.url())));
        KeptImages.Earlier earlier = ledger.resemble(image, distance, drop);
        if (earlier == null) return new Judged(thumbnail, null);
        KeptImages.Image before = earlier.image();
        if (earlier.replaced()) {
            String reason = why(image, before, earlier.distance());
            Likeness near = new Likeness(before.hash(), image.file(), url, thumbnail.detail(), earlier.distance(),
                    before.width(), before.height());
            Path file = Path.of(before.file());
            // counted saved by this run (its file written since it began): the run takes it back
            boolean savedByThisRun = runBegan != null && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && !Files.getLastModifiedTime(file).toInstant().isBefore(runBegan);
            // its own link is told first: a lookup of it meanwhile finds it removed, not missing
            ledger.notKept(before.url(), reason);
            remove(file, thumbnailer.thumbnailOf(before.file()));
            return new Judged(thumbnail, Outcome.nearReplaced(before.url(), before.file(),
                    savedByThisRun ? before.bytes() : 0, near, reason));
        }
        Likeness near = likeness.near(before.file(), before.url(), thumbnailer.thumbnailOf(before.file()),
                earlier.distance());
        if (!drop) return new Judged(Outcome.nearDuplicate(url, thumbnail, image.bytes(), near, false), null);
        String reason = why(before, image, earlier.distance());
        remove(Path.of(thumbnail.url()), thumbnail.detail());
        ledger.notKept(url, reason);
        return new Judged(Outcome.nearDropped(url, thumbnail, image.bytes(), near, reason), null);
    }

    // the image, its thumbnail and its sidecar go; the ledger keeps the link's validators, so it is asked for only if
    // it changed
    private static void remove(Path image, String thumbnail) throws Exception {
        if (thumbnail != null) Files.deleteIfExists(Path.of(thumbnail));
        Files.deleteIfExists(image);
        Files.deleteIfExists(Sidecar.of(image));
    }

    // "a near-duplicate of <kept file> (<kept url>, 3 bits apart): kept that one, 1600x1200 pixels against 400x300"
    static String why(KeptImages.Image kept, KeptImages.Image dropped, int distance) {
        String which;
        if (kept.pixels() != dropped.pixels()) {
            which = kept.size() + " pixels against " + dropped.size();
        } else if (kept.bytes() != dropped.bytes()) {
            which = "as many pixels (" + kept.size() + "), " + kept.bytes() + " bytes against " + dropped.bytes();
        } else {
            which = "saved first, as many pixels (" + kept.size() + ") and bytes (" + kept.bytes() + ")";
        }
        return "a near-duplicate of " + kept.file() + " (" + kept.url() + ", " + distance + " bits apart): kept that"
                + " one, " + which;
    }

    private static long size(Path image) throws Exception {
        return Files.isRegularFile(image, LinkOption.NOFOLLOW_LINKS) ? Files.size(image) : 0;
    }
}
