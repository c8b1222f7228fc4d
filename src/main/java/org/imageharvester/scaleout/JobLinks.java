package org.imageharvester.scaleout;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.values.EntryFields;
import org.imageharvester.values.ListedLink;
import org.imageharvester.values.NetworkText;
import org.imageharvester.values.Outcome;
import org.imageharvester.values.Source;

/**
 * On a worker: the links of a job, one a line, each after its key in the workers' done-jobs store (the run, the source
 * and the link's place in its listing) and a space, as a scheduler's add-to-job route writes them. A line a worker
 * cannot read but whose link it can tell is that link's failure, with the reason (the scheduler hears of it at once);
 * a line without a link is logged and left out.
 */
public final class JobLinks {

    private static final Logger LOG = LoggerFactory.getLogger(JobLinks.class);
    // a key fits the done-jobs table's 100 characters; a link has no white space (the scheduler's LinkCheck)
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern LINK = Pattern.compile("\\S+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One link of a job, its key and its listing entry's fields; or, of a line a worker cannot read, its link and why.
     *
     * @param refusal why the line cannot be read (its link then fails), or null
     */
    public record Link(String key, String url, ListedLink listed, String refusal) {

        /** A link read whole. */
        public Link(String key, String url, ListedLink listed) {
            this(key, url, listed, null);
        }

        /** The failure of a link whose line cannot be read, saying why. */
        public Outcome failure() {
            return new Outcome(Outcome.Kind.FAILED, url, "its job's line could not be read: " + refusal, null, 0, null);
        }
    }

    /**
     * A link's line in a job (the scheduler's add-to-job route): its key, a space, the link (which has no white space:
     * take-link refused any that had) and, when its entry had fields, a space and them, URL-encoded JSON (at most
     * {@link EntryFields#MAX_ENCODED} characters, so without white space).
     */
    public String line(@Header("HarvestRun") String run, @ExchangeProperty("source") Source source,
            @ExchangeProperty("CamelSplitIndex") int index, @ExchangeProperty("listedLink") ListedLink link)
            throws JsonProcessingException {
        String line = run + "-" + source.name() + "-" + index + " " + link.url();
        if (link.entry().isEmpty()) return line;
        return line + " " + URLEncoder.encode(JSON.writeValueAsString(link.entry()), StandardCharsets.UTF_8);
    }

    /** The links of a job's body (a text message), in its order, those of a line that cannot be read with why. */
    public List<Link> read(Object body) throws JMSException {
        String text = body instanceof TextMessage message ? message.getText() : body instanceof String plain ? plain
                : null;
        if (text == null) {
            LOG.warn("Ignored a job that is no text message");
            return List.of();
        }
        List<Link> links = new ArrayList<>();
        for (String line : text.split("\n")) {
            Link link = link(line);
            if (link == null) {
                LOG.warn("Ignored a line of a job that names no link: {}", NetworkText.shorten(line, 200));
            } else {
                if (link.refusal() != null) {
                    LOG.warn("Failing {}: its job's line could not be read: {}", NetworkText.shorten(link.url(), 200),
                            link.refusal());
                }
                links.add(link);
            }
        }
        return links;
    }

    // a line's link, read whole or with why it cannot be; null when the line names no link
    private static Link link(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !LINK.matcher(parts[1]).matches()) return null;
        String url = parts[1];
        if (!KEY.matcher(parts[0]).matches()) return refused(url, "its key is not 1 to 100 letters, digits, _ and -");
        if (parts.length == 2) return new Link(parts[0], url, ListedLink.of(url));
        String encoded = parts[2];
        if (encoded.length() > EntryFields.MAX_ENCODED) {
            return refused(url, "its entry's fields take " + encoded.length() + " characters, more than a listing's ("
                    + EntryFields.MAX_ENCODED + ")");
        }
        if (!LINK.matcher(encoded).matches()) return refused(url, "its entry's fields hold white space");
        Object fields;
        try {
            fields = JSON.readValue(URLDecoder.decode(encoded, StandardCharsets.UTF_8), Object.class);
        } catch (JsonProcessingException e) {
            return refused(url, "its entry's fields are not JSON: " + NetworkText.shorten(e.getOriginalMessage(), 200));
        } catch (IOException | IllegalArgumentException e) {
            return refused(url, "its entry's fields are not URL-encoded: " + NetworkText.shorten(e.getMessage(), 200));
        }
        if (!(fields instanceof Map<?, ?> object)) return refused(url, "its entry's fields are no JSON object");
        return new Link(parts[0], url, new ListedLink(url, EntryFields.checked(object)));
    }

    private static Link refused(String url, String why) {
        return new Link(null, url, ListedLink.of(url), why);
    }
}
