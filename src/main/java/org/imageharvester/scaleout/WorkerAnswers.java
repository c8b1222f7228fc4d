package org.imageharvester.scaleout;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ProducerTemplate;

import org.imageharvester.report.Outcome;
import org.imageharvester.source.Source;

/**
 * On a worker: answers one outcome of a job to the scheduler whose run it belongs to, as a message of its own (headers
 * only) sent through {@code direct:send-answer}, which retries while the broker is away.
 */
public final class WorkerAnswers implements CamelContextAware {

    private String endpoint = "direct:send-answer";
    private CamelContext camelContext;
    private volatile ProducerTemplate producer;

    /** Sets the endpoint the answers go to. */
    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Sends the outcome of a job of {@code run} to {@code scheduler}, naming the job's source (or none). */
    public void send(Outcome outcome, String run, String scheduler, Source source) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("HarvestRun", run);
        headers.put("HarvestScheduler", scheduler);
        headers.put("HarvestKind", outcome.kind());
        headers.put("HarvestUrl", outcome.url());
        headers.put("HarvestDetail", outcome.detail());
        if (outcome.status() != null) headers.put("HarvestStatus", outcome.status());
        headers.put("HarvestBytes", outcome.bytes());
        if (source != null && source.name() != null) headers.put("HarvestSource", source.name());
        if (producer == null) producer = camelContext.createProducerTemplate();
        producer.sendBodyAndHeaders(endpoint, "", headers);
    }
}
