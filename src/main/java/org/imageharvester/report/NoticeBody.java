package org.imageharvester.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.ExchangeProperty;

import org.imageharvester.values.NetworkText;

/**
 * Writes the notice of a run that has ended: its figures, each source's with its first failures (read back from the
 * run's JSON report), and a link to the run's page; as JSON for the webhook and as text for the mail.
 */
public final class NoticeBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path reportDir;
    private Path thumbnailDir;
    private String pageUrl;
    private int maxReasons;

    /** Sets {@code report.dir}, where the run's report is. */
    public void setReportDir(String reportDir) {
        this.reportDir = Path.of(reportDir);
    }

    /** Sets {@code thumbnail.dir}, where the run's contact sheet is. */
    public void setThumbnailDir(String thumbnailDir) {
        this.thumbnailDir = Path.of(thumbnailDir);
    }

    /** Sets {@code notify.pageUrl}: where the run's page is served ({run}: its name); empty, the file's path. */
    public void setPageUrl(String pageUrl) {
        this.pageUrl = pageUrl.trim();
    }

    /** Sets {@code notify.maxReasons}: the first failures of each source the notice names. */
    public void setMaxReasons(int maxReasons) {
        this.maxReasons = maxReasons;
    }

    /** The notice of the run whose report has just been written. */
    public ObjectNode notice(@ExchangeProperty("summary") HarvestSummary summary) throws IOException {
        ObjectNode notice = JSON.createObjectNode();
        notice.put("run", summary.runId());
        notice.put("outcome", !summary.sourceRead() ? "failed" : summary.stopReason() != null ? "stopped" : "finished");
        notice.put("summary", NetworkText.clean(summary.toString()));
        notice.put("page", page(summary.runId()));
        notice.put("startedAt", summary.startedAt().toString());
        notice.put("durationMs", summary.took().toMillis());
        notice.put("listed", summary.listed());
        notice.put("new", summary.saved());
        notice.put("skipped", summary.skipped());
        notice.put("failed", summary.failed());
        Map<String, ArrayNode> failures = firstFailures(summary);
        ArrayNode sources = notice.putArray("sources");
        for (SourceRun.Summary source : summary.sources()) {
            ObjectNode entry = sources.addObject();
            entry.put("name", source.name());
            entry.put("url", NetworkText.clean(source.url()));
            entry.put("read", source.read());
            entry.put("error", NetworkText.clean(source.error()));
            entry.put("listed", source.listed());
            entry.put("new", source.saved());
            entry.put("skipped", source.skipped());
            entry.put("failed", source.failed());
            entry.set("failures", failures.getOrDefault(source.name(), JSON.createArrayNode()));
        }
        return notice;
    }

    /** The notice as the webhook's body. */
    public String json(@ExchangeProperty("notice") ObjectNode notice) {
        return notice.toString();
    }

    /** The mail's subject: how the run ended and its counts (no text from the network). */
    public String subject(@ExchangeProperty("notice") ObjectNode notice) {
        return "Harvest " + notice.get("outcome").asText() + ": " + notice.get("new").asLong() + " new, "
                + notice.get("failed").asLong() + " failed (" + notice.get("run").asText() + ")";
    }

    /** The mail's text: the run's summary line, its page, then each source with its first failures. */
    public String text(@ExchangeProperty("notice") ObjectNode notice) {
        StringBuilder text = new StringBuilder(notice.get("summary").asText()).append("\n\n")
                .append(notice.get("page").asText()).append('\n');
        for (JsonNode source : notice.get("sources")) {
            text.append('\n').append(source.get("name").asText()).append(": ").append(source.get("new").asLong())
                    .append(" new, ").append(source.get("failed").asLong()).append(" failed, ")
                    .append(source.get("skipped").asLong()).append(" skipped of ").append(source.get("listed").asLong())
                    .append(" listed\n");
            if (!source.get("read").asBoolean()) {
                text.append("  could not read its listing: ").append(source.get("error").asText()).append('\n');
            }
            for (JsonNode failure : source.get("failures")) {
                text.append("  ").append(failure.get("url").asText()).append(": ")
                        .append(failure.get("reason").asText()).append('\n');
            }
        }
        return text.toString();
    }

    // the contact sheet, or the report when the run has none (thumbnail.enabled = false, or it could not be written)
    String page(String run) {
        Path sheet = thumbnailDir.resolve(run + ".html");
        if (pageUrl.contains("{run}")) return pageUrl.replace("{run}", run);
        if (!pageUrl.isEmpty()) return pageUrl + (pageUrl.endsWith("/") ? "" : "/") + run + ".html";
        Path page = Files.isRegularFile(sheet) ? sheet : reportDir.resolve(run + ".json");
        return page.toAbsolutePath().normalize().toString();
    }

    // one pass over the report's failures, kept only up to maxReasons a source: a run with a million is no larger
    private Map<String, ArrayNode> firstFailures(HarvestSummary summary) throws IOException {
        Map<String, ArrayNode> first = new HashMap<>();
        String only = summary.sources().size() == 1 ? summary.sources().get(0).name() : null;
        if (maxReasons == 0) return first;
        try (JsonParser json = JSON.createParser(reportDir.resolve(summary.runId() + ".json").toFile())) {
            if (json.nextToken() != JsonToken.START_OBJECT) return first;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                boolean failures = json.currentName().equals("failures");
                json.nextToken();
                if (!failures) {
                    json.skipChildren();
                    continue;
                }
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    ObjectNode failure = json.readValueAsTree();
                    JsonNode source = failure.remove("source");
                    ArrayNode list = first.computeIfAbsent(source == null ? only : source.asText(),
                            name -> JSON.createArrayNode());
                    if (list.size() < maxReasons) list.add(failure);
                }
                break;
            }
        }
        return first;
    }
}
