package org.imageharvester.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.imageharvester.download.PartFiles;
import org.imageharvester.values.Likeness;
import org.imageharvester.values.NetworkText;
import org.imageharvester.values.Outcome;
import org.imageharvester.values.UrlMask;

/**
 * Keeps one run's failed and skipped links on disk as they happen, one JSON line each, and folds them into the run's
 * JSON report at the end.
 */
final class ProblemLog {

    private static final int MAX_TEXT = 8192;
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.CLOSE_CLOSEABLE);
    // kind of problem -> the report's array of them
    private static final Map<String, String> KINDS =
            new TreeMap<>(Map.of("failed", "failures", "skipped", "skips", "thumbnail-failed", "thumbnailErrors"));
    // judged images -> the report's array of them, each with every field it was noted with
    private static final Map<String, List<String>> JUDGED = new TreeMap<>(Map.of(
            "nearDuplicates", List.of("near-duplicate", "near-dropped", "near-replaced"),
            "undecodable", List.of("undecodable", "undecodable-removed"), "noThumbnail", List.of("no-thumbnail")));

    private final Path dir;
    private final String runId;
    private final Path lines;
    // open for the whole run: a line per problem, with no open and close each
    private final Writer list;

    ProblemLog(Path dir, String runId) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.runId = runId;
        this.lines = dir.resolve(runId + ".problems.jsonl");
        this.list = PartFiles.writer(lines);
    }

    String runId() {
        return runId;
    }

    /** Stops noting problems (a run that broke off before its report); the lines stay for a look. */
    synchronized void close() throws IOException {
        list.close();
    }

    synchronized void add(String kind, String url, String reason, Integer status, String source) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("kind", kind);
        if (source != null) problem.put("source", source);
        // links and reasons come from the network: bounded, and text no encoder can write replaced
        problem.put("url", NetworkText.shorten(String.valueOf(url), MAX_TEXT));
        if (status != null) problem.put("status", status);
        problem.put("reason", NetworkText.shorten(reason, MAX_TEXT));
        list.write(JSON.writeValueAsString(problem));
        list.write('\n');
    }

    /**
     * Notes a judged image (a near-duplicate, an image that does not decode or has no decoder here) under its link: its
     * file, whether it was removed, and what it resembles or why it has no thumbnail; its links and reason through
     * {@code mask}.
     */
    synchronized void add(Outcome outcome, String source, UrlMask mask) throws IOException {
        Map<String, Object> judged = new LinkedHashMap<>();
        judged.put("kind", outcome.kind().label());
        if (source != null) judged.put("source", source);
        judged.put("url", text(mask.mask(outcome.url())));
        judged.put("file", text(outcome.image()));
        judged.put("removed", outcome.kind().removesTheImage());
        Likeness near = outcome.likeness();
        if (near != null && outcome.kind().isNear()) {
            // a removed one's detail is why (which of the two stayed), a kept one's its thumbnail
            if (outcome.kind().removesTheImage()) judged.put("reason", text(mask.mask(outcome.detail())));
            else if (outcome.detail() != null) judged.put("thumbnail", text(outcome.detail()));
            judged.put("resembles", text(near.like()));
            judged.put("resemblesUrl", text(mask.mask(near.likeUrl())));
            if (near.likeThumbnail() != null) judged.put("resemblesThumbnail", text(near.likeThumbnail()));
            judged.put("distance", near.distance());
        } else {
            judged.put("reason", text(mask.mask(outcome.detail())));
        }
        list.write(JSON.writeValueAsString(judged));
        list.write('\n');
    }

    private static String text(String value) {
        return NetworkText.shorten(String.valueOf(value), MAX_TEXT);
    }

    /** Writes {@code <runId>.json}: the summary, then every problem grouped by kind. */
    synchronized Path writeReport(HarvestSummary summary) throws IOException {
        Path report = dir.resolve(runId + ".json");
        Path partial = dir.resolve(PartFiles.part(runId + ".json"));
        try (Writer out = PartFiles.writer(partial); JsonGenerator json = JSON.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("run", runId);
            json.writeStringField("source", NetworkText.clean(summary.source()));
            json.writeStringField("startedAt", summary.startedAt().toString());
            json.writeNumberField("durationMs", summary.took().toMillis());
            json.writeBooleanField("sourceRead", summary.sourceRead());
            json.writeStringField("sourceError", NetworkText.clean(summary.sourceError()));
            json.writeStringField("stoppedBecause", NetworkText.clean(summary.stopReason()));
            json.writeNumberField("listed", summary.listed());
            json.writeNumberField("saved", summary.saved());
            json.writeNumberField("skipped", summary.skipped());
            json.writeNumberField("failed", summary.failed());
            json.writeNumberField("thumbnails", summary.thumbnails());
            json.writeNumberField("thumbnailFailures", summary.thumbnailFailures());
            json.writeNumberField("bytes", summary.bytes());
            json.writeArrayFieldStart("sources");
            for (SourceRun.Summary source : summary.sources()) {
                json.writeStartObject();
                json.writeStringField("name", source.name());
                json.writeStringField("url", NetworkText.clean(source.url()));
                json.writeBooleanField("read", source.read());
                json.writeStringField("error", NetworkText.clean(source.error()));
                json.writeStringField("note", source.note());
                json.writeNumberField("pages", source.pages());
                json.writeNumberField("listed", source.listed());
                json.writeNumberField("saved", source.saved());
                json.writeNumberField("skipped", source.skipped());
                json.writeNumberField("failed", source.failed());
                json.writeNumberField("bytes", source.bytes());
                json.writeEndObject();
            }
            json.writeEndArray();
            for (Map.Entry<String, String> kind : KINDS.entrySet()) {
                json.writeArrayFieldStart(kind.getValue());
                copyKind(kind.getKey(), json);
                json.writeEndArray();
            }
            for (Map.Entry<String, List<String>> judged : JUDGED.entrySet()) {
                json.writeArrayFieldStart(judged.getKey());
                forEach(judged.getValue(), problem -> {
                    ((ObjectNode) problem).remove("kind");
                    json.writeTree(problem);
                });
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        PartFiles.commit(partial, report);
        list.close();
        Files.deleteIfExists(lines);
        return report;
    }

    private void copyKind(String kind, JsonGenerator json) throws IOException {
        forEach(kind, problem -> {
            json.writeStartObject();
            if (problem.has("source")) json.writeStringField("source", problem.get("source").asText());
            json.writeStringField("url", problem.get("url").asText());
            if (problem.has("status")) json.writeNumberField("status", problem.get("status").asInt());
            json.writeStringField("reason", problem.get("reason").asText());
            json.writeEndObject();
        });
    }

    /** Something done with each problem of a kind, in the order they happened. */
    interface Visit {
        void accept(JsonNode problem) throws IOException;
    }

    // one pass over the lines per kind keeps memory flat however many problems a run had
    synchronized void forEach(String kind, Visit visit) throws IOException {
        forEach(List.of(kind), visit);
    }

    /** Each problem of these kinds, in the order they happened. */
    synchronized void forEach(List<String> kinds, Visit visit) throws IOException {
        list.flush();
        try (BufferedReader in = Files.newBufferedReader(lines)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode problem = JSON.readTree(line);
                if (kinds.contains(problem.get("kind").asText())) visit.accept(problem);
            }
        }
    }
}
