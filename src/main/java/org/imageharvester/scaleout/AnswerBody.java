package org.imageharvester.scaleout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

import org.imageharvester.values.NetworkText;
import org.imageharvester.values.Outcome;

/**
 * The body of a worker's answer: the outcomes of one job (its links' and their thumbnails'), a JSON array of objects
 * {@code {"kind", "url", "detail", "status", "bytes"}}, and of a near-duplicate or an image that does not decode its
 * {@code "image"} file, and what a near-duplicate resembles ({@code "like", "likeUrl", "likeThumbnail", "distance"}).
 * A worker writes it; a scheduler reads it as the hostile input it may be: bounded in size and count, every field of
 * the type it should have, or the whole answer is refused.
 */
public final class AnswerBody {

    // a link's outcome, its thumbnail's, and a failure after them (a step that broke once the link was counted)
    private static final int OUTCOMES_PER_LINK = 3;
    // room in a field besides a link: a path, or the words of a reason around a link it quotes
    private static final int FIELD_ROOM = 4096;
    private static final Set<String> FIELDS = Set.of("kind", "url", "detail", "status", "bytes", "image", "like",
            "likeUrl", "likeThumbnail", "distance");
    private static final Set<String> NUMBERS = Set.of("status", "bytes", "distance");
    private static final ObjectMapper JSON = new ObjectMapper();

    private int maxOutcomes;
    private int maxField;

    /** Sets {@code broker.batchSize}: an answer holds the outcomes of at most that many links. */
    public void setBatchSize(int batchSize) {
        this.maxOutcomes = OUTCOMES_PER_LINK * batchSize;
    }

    /** Sets {@code source.maxLinkLength}: no link of a job is longer, and no field much longer. */
    public void setMaxLinkLength(int maxLinkLength) {
        this.maxField = maxLinkLength + FIELD_ROOM;
    }

    /** The answer's body for these outcomes (a reason too long for a field cut, saying so). */
    public String write(List<Outcome> outcomes) {
        ArrayNode answer = JSON.createArrayNode();
        for (Outcome outcome : outcomes) {
            ObjectNode line = answer.addObject().put("kind", outcome.kind().label()).put("url", outcome.url());
            // (a cut text ends with a note of its length: room for it under the cap)
            if (outcome.detail() != null) line.put("detail", NetworkText.shorten(outcome.detail(), maxField - 40));
            if (outcome.status() != null) line.put("status", outcome.status());
            line.put("bytes", outcome.bytes());
            if (outcome.kind().judgesTheImage() && outcome.image() != null) line.put("image", outcome.image());
            if (outcome.kind().judgesTheImage() && outcome.likeness() != null) {
                putText(line, "like", outcome.likeness().like());
                putText(line, "likeUrl", outcome.likeness().likeUrl());
                putText(line, "likeThumbnail", outcome.likeness().likeThumbnail());
                line.put("distance", outcome.likeness().distance());
            }
        }
        return answer.toString();
    }

    // a text field, when there is one, cut to a field's length
    private void putText(ObjectNode line, String name, String value) {
        if (value != null) line.put(name, NetworkText.shorten(value, maxField - 40));
    }

    /**
     * The outcomes of an answer as its worker sent them, not yet judged ({@link AnswerCheck} does that for each), or
     * why the answer is refused whole: not text, too long, too many outcomes, or anything but the fields above with
     * the types they have.
     */
    public Read read(Object body) {
        String text;
        try {
            text = body instanceof TextMessage message ? message.getText()
                    : body instanceof String plain ? plain : null;
        } catch (JMSException e) {
            return Read.refused("its text cannot be read: " + e.getMessage());
        }
        if (text == null) return Read.refused("it is no text message");
        // each of its six text fields at most maxField characters, each of them written as at most 6 (a \\uXXXX escape)
        long most = (long) maxOutcomes * (6L * maxField * 6 + 200) + 2;
        if (text.length() > most) return Read.refused(text.length() + " characters, more than a job's answer holds");
        JsonNode answer;
        try {
            answer = JSON.readTree(text);
        } catch (JacksonException e) {
            return Read.refused("not JSON: " + NetworkText.shorten(e.getOriginalMessage(), 200));
        }
        if (answer == null || !answer.isArray() || answer.isEmpty()) return Read.refused("no array of outcomes");
        if (answer.size() > maxOutcomes) {
            return Read.refused(answer.size() + " outcomes, more than a job of broker.batchSize links has");
        }
        List<AnswerLine> lines = new ArrayList<>(answer.size());
        for (JsonNode line : answer) {
            String wrong = wrongField(line);
            if (wrong != null) return Read.refused("outcome " + (lines.size() + 1) + ": " + wrong);
            lines.add(new AnswerLine(line.get("kind").textValue(), text(line, "url"), text(line, "detail"),
                    line.has("status") ? line.get("status").intValue() : null,
                    line.has("bytes") ? line.get("bytes").longValue() : null, text(line, "image"), text(line, "like"),
                    text(line, "likeUrl"), text(line, "likeThumbnail"),
                    line.has("distance") ? line.get("distance").intValue() : null));
        }
        return new Read(List.copyOf(lines), null);
    }

    // what is wrong with an outcome's object, or null
    private String wrongField(JsonNode line) {
        if (!line.isObject()) return "not an object";
        for (Map.Entry<String, JsonNode> field : line.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!FIELDS.contains(name)) return "unknown field " + NetworkText.shorten(name, 40);
            boolean number = NUMBERS.contains(name);
            boolean fits = number ? value.isIntegralNumber() && (name.equals("bytes") ? value.canConvertToLong()
                    : value.canConvertToInt()) : value.isTextual() && value.textValue().length() <= maxField;
            if (!fits) return "field " + name + " is not " + (number ? "a whole number" : "text of a link's length");
        }
        return line.has("kind") ? null : "no kind";
    }

    private static String text(JsonNode line, String name) {
        return line.has(name) ? line.get(name).textValue() : null;
    }

    /**
     * An answer read: its outcomes, or why it was refused whole.
     *
     * @param lines the outcomes in the order the worker sent them (empty when refused)
     * @param refusal why the answer is refused, or null
     */
    public record Read(List<AnswerLine> lines, String refusal) {

        static Read refused(String why) {
            return new Read(List.of(), why);
        }
    }
}
