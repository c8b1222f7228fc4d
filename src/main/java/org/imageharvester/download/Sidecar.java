package org.imageharvester.download;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

import org.imageharvester.values.ListedLink;
import org.imageharvester.values.NetworkText;
import org.imageharvester.values.Outcome;
import org.imageharvester.values.Source;
import org.imageharvester.values.UrlMask;

/**
 * Writes an image's metadata sidecar ({@code download.sidecar}): {@code <image>.json} beside the image just saved,
 * under a temporary name and then renamed, like the image: its link, its source, its listing entry's fields, what the
 * server said of it (ETag, Last-Modified, content type), its bytes, its pixel size (read from its header: nothing is
 * decoded), its fingerprint and when it was saved. Everything from the network is a JSON string (Jackson escapes it),
 * so the sidecar is valid JSON whatever the entry or the headers held.
 */
public final class Sidecar {

    private static final ObjectMapper JSON = new ObjectMapper();
    // a header is kept to this many characters (a server may send any length)
    private static final int MAX_HEADER = 1000;

    /** Writes the sidecar of the image the outcome saved; nothing for a link skipped as a copy of another's bytes. */
    public void write(@ExchangeProperty("outcome") Outcome outcome, @ExchangeProperty("source") Source source,
            @ExchangeProperty("listedLink") ListedLink link, Message saved) throws IOException {
        if (outcome == null || !outcome.isSaved()) return;
        Path image = Path.of(outcome.detail());
        Map<String, Object> sidecar = new LinkedHashMap<>();
        // (a signed link's signature is a credential: the file beside the image is no place for it)
        sidecar.put("url", NetworkText.clean(UrlMask.RULES.mask(outcome.url())));
        sidecar.put("source", source == null ? null : source.name());
        sidecar.put("entry", link == null ? Map.of() : link.entry());
        sidecar.put("etag", header(saved, "ETag"));
        sidecar.put("lastModified", header(saved, "Last-Modified"));
        sidecar.put("contentType", header(saved, "Content-Type"));
        sidecar.put("bytes", outcome.bytes());
        int[] size = PixelSize.of(image);
        sidecar.put("width", size == null ? null : size[0]);
        sidecar.put("height", size == null ? null : size[1]);
        sidecar.put("fingerprint", saved.getBody() instanceof BoundedBody body ? body.fingerprint() : null);
        sidecar.put("saved", OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString());
        Path target = of(image);
        Path part = target.resolveSibling(PartFiles.part(target.getFileName().toString()));
        try (OutputStream out = PartFiles.create(part)) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out, sidecar);
        } catch (IOException | RuntimeException e) {
            part.toFile().delete();
            throw e;
        }
        PartFiles.commit(part, target);
    }

    /** The sidecar of an image: {@code <image>.json} beside it (removed with the image, when it is). */
    public static Path of(Path image) {
        return image.resolveSibling(image.getFileName() + ".json");
    }

    private static String header(Message saved, String name) {
        String value = saved.getHeader(name, String.class);
        return value == null ? null : NetworkText.shorten(value, MAX_HEADER);
    }
}
