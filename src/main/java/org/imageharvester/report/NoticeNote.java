package org.imageharvester.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.download.PartFiles;
import org.imageharvester.values.NetworkText;

/**
 * Notes in a run's JSON report what became of its notification: {@code "notification": {"webhook": {"sent": true},
 * "mail": {"sent": false, "reason": "..."}}}, added at its end as the report is copied (never read whole).
 */
public final class NoticeNote {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeNote.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.CLOSE_CLOSEABLE);

    private Path reportDir;

    /** Sets {@code report.dir}, where the run's report is. */
    public void setReportDir(String reportDir) {
        this.reportDir = Path.of(reportDir);
    }

    /** Why a notification could not be sent, in one line. */
    public String reason(Throwable failure) {
        return NetworkText.shorten(NetworkText.reason(failure), 1000);
    }

    /**
     * Adds to the run's report, for each target notified, whether it was sent or why not; a report that cannot be
     * rewritten is one line in the log, never a failure of the run.
     */
    public void note(@ExchangeProperty("summary") HarvestSummary summary,
            @ExchangeProperty("notifyTargets") List<String> targets,
            @ExchangeProperty("webhookFailure") String webhookFailure,
            @ExchangeProperty("mailFailure") String mailFailure) {
        Path report = reportDir.resolve(summary.runId() + ".json");
        Path partial = reportDir.resolve(PartFiles.part(summary.runId() + ".json"));
        try (JsonParser in = JSON.createParser(report.toFile())) {
            try (Writer out = PartFiles.writer(partial); JsonGenerator json = JSON.createGenerator(out)) {
                json.useDefaultPrettyPrinter();
                int depth = 0;
                for (JsonToken token = in.nextToken(); token != null; token = in.nextToken()) {
                    if (token.isStructStart()) depth++;
                    if (token.isStructEnd() && --depth == 0) {
                        json.writeObjectFieldStart("notification");
                        if (targets.contains("webhook")) outcome(json, "webhook", webhookFailure);
                        if (targets.contains("mail")) outcome(json, "mail", mailFailure);
                        json.writeEndObject();
                    }
                    json.copyCurrentEvent(in);
                }
            }
            PartFiles.commit(partial, report);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not note the notification of {} in its report: {}", summary.runId(), e.toString());
        }
    }

    private static void outcome(JsonGenerator json, String target, String failure) throws IOException {
        json.writeObjectFieldStart(target);
        json.writeBooleanField("sent", failure == null);
        if (failure != null) json.writeStringField("reason", failure);
        json.writeEndObject();
    }
}
