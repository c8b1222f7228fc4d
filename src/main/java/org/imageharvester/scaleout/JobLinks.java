package org.imageharvester.scaleout;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
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
import org.imageharvester.values.Source;

/**
 * On a worker: the links of a job, one a line, each after its key in the workers' done-jobs store (the run, the source
 * and the link's place in its listing) and a space, as a scheduler's add-to-job route writes them. A line of any
 * other shape is logged and left out.
 */
public final class JobLinks {

    private static final Logger LOG = LoggerFactory.getLogger(JobLinks.class);
    // a key fits the done-jobs table's 100 characters; a link has no white space (the scheduler's LinkCheck)
    // then, if its listing entry had fields, a space and them, URL-encoded JSON (so without white space)
    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9_-]{1,100}) (\\S+)(?: (\\S{1,65536}))?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One link of a job, its key and its listing entry's fields. */
    public record Link(String key, String url, ListedLink listed) {
    }

    /**
     * A link's line in a job (the scheduler's add-to-job route): its key, a space, the link (which has no white space:
     * take-link refused any that had) and, when its entry had fields, a space and them.
     */
    public String line(@Header("HarvestRun") String run, @ExchangeProperty("source") Source source,
            @ExchangeProperty("CamelSplitIndex") int index, @ExchangeProperty("listedLink") ListedLink link)
            throws JsonProcessingException {
        String line = run + "-" + source.name() + "-" + index + " " + link.url();
        if (link.entry().isEmpty()) return line;
        return line + " " + URLEncoder.encode(JSON.writeValueAsString(link.entry()), StandardCharsets.UTF_8);
    }

    /** The links of a job's body (a text message), in its order. */
    public List<Link> read(Object body) throws JMSException {
        String text = body instanceof TextMessage message ? message.getText() : body instanceof String plain ? plain
                : null;
        if (text == null) {
            LOG.warn("Ignored a job that is no text message");
            return List.of();
        }
        List<Link> links = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher link = LINE.matcher(line);
            Map<String, Object> entry = link.matches() ? entry(link.group(3)) : null;
            if (entry != null) {
                links.add(new Link(link.group(1), link.group(2), new ListedLink(link.group(2), entry)));
            } else {
                LOG.warn("Ignored a line of a job that is no key and link: {}", NetworkText.shorten(line, 200));
            }
        }
        return links;
    }

    // a line's entry fields, network input: bounded as a listing's are; null when they are not a JSON object
    private static Map<String, Object> entry(String encoded) {
        if (encoded == null) return Map.of();
        try {
            Object fields = JSON.readValue(URLDecoder.decode(encoded, StandardCharsets.UTF_8), Object.class);
            return fields instanceof Map<?, ?> object ? EntryFields.checked(object) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
