package org.imageharvester.scaleout;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.values.NetworkText;

/**
 * On a worker: the links of a job, one a line, each after its key in the workers' done-jobs store (the run, the source
 * and the link's place in its listing) and a space, as a scheduler's add-to-job route writes them. A line of any
 * other shape is logged and left out.
 */
public final class JobLinks {

    private static final Logger LOG = LoggerFactory.getLogger(JobLinks.class);
    // a key fits the done-jobs table's 100 characters; a link has no white space (the scheduler's LinkCheck)
    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9_-]{1,100}) (\\S+)");

    /** One link of a job and its key. */
    public record Link(String key, String url) {
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
            if (link.matches()) {
                links.add(new Link(link.group(1), link.group(2)));
            } else {
                LOG.warn("Ignored a line of a job that is no key and link: {}", NetworkText.shorten(line, 200));
            }
        }
        return links;
    }
}
