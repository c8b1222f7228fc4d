package org.imageharvester.scaleout;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.RunGate;
import org.imageharvester.source.LinkCheck;
import org.imageharvester.values.NetworkText;
import org.imageharvester.values.Outcome;

/**
 * Judges a worker's answer before a scheduler counts it, as any input from the network: its kind must be known, its
 * link one of the running harvest's, its files named as the harvester names them and inside {@code download.dir} or
 * {@code thumbnail.dir} (the same paths on every node), its byte count and status sane.
 */
public final class AnswerCheck {

    private static final Set<String> KINDS = Set.of("saved", "skipped", "failed", "thumbnail", "thumbnail-failed",
            "near-duplicate", "near-dropped", "near-replaced", "undecodable", "undecodable-removed", "no-thumbnail");
    private static final Pattern THUMBNAIL = Pattern.compile(
            "[\\p{L}\\p{N}_-][\\p{L}\\p{N} ._-]{0,240}_thumbnail\\.[a-z]{2,5}");

    private LinkCheck links;
    private RunGate gate;
    // the links (and images) of the running harvest already answered for
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private volatile String answeredRun;
    private Path imageDir;
    private Path thumbnailDir;
    private long maxBytes;

    /** Sets the link check that knows the running harvest's links ({@code linkCheck}). */
    public void setLinks(LinkCheck links) {
        this.links = links;
    }

    /** Sets the gate that knows the running harvest ({@code runGate}). */
    public void setGate(RunGate gate) {
        this.gate = gate;
    }

    /** Sets {@code download.dir}. */
    public void setImageDir(String imageDir) {
        this.imageDir = Path.of(imageDir).toAbsolutePath().normalize();
    }

    /** Sets {@code thumbnail.dir}. */
    public void setThumbnailDir(String thumbnailDir) {
        this.thumbnailDir = Path.of(thumbnailDir).toAbsolutePath().normalize();
    }

    /** Sets {@code download.maxBytes}: no saved image can be larger. */
    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Why the answer is refused, or null when it may be counted. The url of a link's answer is the link; of a
     * thumbnail's, the image file; the detail is the saved file, the thumbnail, or a reason.
     */
    public String refusal(String run, String kind, String url, String detail, Integer status, Long size) {
        if (run == null || !run.equals(gate.runId())) {
            return "run " + NetworkText.shorten(run, 40) + " is not the running harvest";
        }
        if (!KINDS.contains(kind)) return "unknown kind " + NetworkText.shorten(kind, 40);
        if (status != null && (status < 100 || status > 599)) return "HTTP status " + status + " is no status";
        if (size != null && (size < 0 || size > maxBytes)) return size + " bytes is not the size of an image kept";
        boolean thumbnail = kind.startsWith("thumbnail");
        if (!thumbnail && !links.isListed(url)) {
            return "the link " + NetworkText.shorten(url, 200) + " is not one of the running harvest's";
        }
        if (thumbnail && !isFile(url, imageDir, null)) return "not an image file of download.dir: " + shown(url);
        if (kind.equals("saved") && !isFile(detail, imageDir, null)) {
            return "not an image file of download.dir: " + shown(detail);
        }
        if (kind.equals("thumbnail") && !isFile(detail, thumbnailDir, THUMBNAIL)) {
            return "not a thumbnail of thumbnail.dir: " + shown(detail);
        }
        return null;
    }

    /**
     * Why one outcome of an answer for {@code run} is refused, or null: {@link #refusal} of its fields, and of a judged
     * image (a near-duplicate, an image that does not decode) its file and what it resembles.
     */
    public String refusal(String run, AnswerLine line) {
        String refused = refusal(run, line.kind(), line.url(), line.detail(), line.status(), line.bytes());
        if (refused != null) return refused;
        Outcome.Kind kind = Outcome.Kind.of(line.kind());
        boolean judged = kind.judgesTheImage();
        if (!judged) {
            return line.image() == null && line.like() == null && line.likeUrl() == null && line.likeThumbnail() == null
                    && line.distance() == null ? null : "fields of a judged image on a " + kind.label();
        }
        if (!isFile(line.image(), imageDir, null)) return "not an image file of download.dir: " + shown(line.image());
        if (!kind.isNear()) {
            return line.like() == null && line.likeUrl() == null && line.likeThumbnail() == null
                    && line.distance() == null ? null : "fields of a near-duplicate on a " + kind.label();
        }
        if (!isFile(line.like(), imageDir, null)) return "not an image file of download.dir: " + shown(line.like());
        if (line.distance() == null || line.distance() < 0 || line.distance() > 64) {
            return "distance " + line.distance() + " is not 0 to 64 bits";
        }
        if (line.likeThumbnail() != null && !isFile(line.likeThumbnail(), thumbnailDir, THUMBNAIL)) {
            return "not a thumbnail of thumbnail.dir: " + shown(line.likeThumbnail());
        }
        // a kept one's detail is its thumbnail; a removed one's is why (text, as an undecodable image's reason)
        boolean kept = kind == Outcome.Kind.NEAR_DUPLICATE;
        if (kept && !isFile(line.detail(), thumbnailDir, THUMBNAIL)) {
            return "not a thumbnail of thumbnail.dir: " + shown(line.detail());
        }
        return null;
    }

    /** {@link #isRepeat} of one outcome of an answer for {@code run}: a judged image's by its file. */
    public boolean isRepeat(String run, AnswerLine line) {
        Outcome.Kind kind = Outcome.Kind.of(line.kind());
        return isRepeat(run, line.kind(), kind != null && kind.judgesTheImage() ? line.image() : line.url());
    }

    /**
     * True when the run already counted an answer about this link (or this image's thumbnail): a job redelivered after
     * its worker died may be answered twice, and the first answer counts.
     */
    public boolean isRepeat(String run, String kind, String url) {
        if (!run.equals(answeredRun)) {
            synchronized (answered) {
                if (!run.equals(answeredRun)) {
                    answered.clear();
                    answeredRun = run;
                }
            }
        }
        Outcome.Kind of = Outcome.Kind.of(kind);
        return !answered.add((of != null && of.ofThumbnail() ? "t " : "l ") + url);
    }

    private static String shown(String file) {
        return NetworkText.shorten(file, 200);
    }

    // named as the harvester names its files, directly in the folder
    private static boolean isFile(String file, Path folder, Pattern thumbnail) {
        if (file == null) return false;
        try {
            Path path = Path.of(file).toAbsolutePath().normalize();
            // as the harvester writes it: no '..', no control characters, nothing normalising would change
            if (!path.toString().equals(Path.of(file).toAbsolutePath().toString())) return false;
            String name = path.getFileName().toString();
            boolean named = thumbnail == null ? ImageFileNamer.isName(name) : thumbnail.matcher(name).matches();
            // in the folder, or in folders there a source's folder or download.layout may make
            Path parent = path.getParent();
            int folders = 0;
            while (parent != null && !parent.equals(folder)) {
                boolean laidOut = parent.getFileName() != null
                        && ImageFileNamer.isFolder(parent.getFileName().toString());
                if (++folders > ImageFileNamer.MAX_FOLDERS || !laidOut) return false;
                parent = parent.getParent();
            }
            return named && parent != null;
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
