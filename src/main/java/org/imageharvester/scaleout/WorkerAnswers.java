package org.imageharvester.scaleout;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.ProducerTemplate;

import org.imageharvester.values.Outcome;
import org.imageharvester.values.Source;

/**
 * On a worker: answers one outcome of a job to the scheduler whose run it belongs to, as a message of its own (headers
 * only) sent through {@code direct:send-answer}, which retries while the broker is away.
 */
public final class WorkerAnswers {

    private String endpoint;
    private ProducerTemplate producer;

    /** Sets the endpoint the answers go to. */
    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Sets the template the answers are sent with. */
    public void setProducer(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Sends the outcome of a job of {@code run} to {@code scheduler}, naming the job's source (or none). */
    public void send(Outcome outcome, String run, String scheduler, Source source) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("HarvestRun", run);
        headers.put("HarvestScheduler", scheduler);
        headers.put("HarvestKind", outcome.kind().label());
        headers.put("HarvestUrl", outcome.url());
        headers.put("HarvestDetail", outcome.detail());
        if (outcome.status() != null) headers.put("HarvestStatus", outcome.status());
        headers.put("HarvestBytes", outcome.bytes());
        if (source != null && source.name() != null) headers.put("HarvestSource", source.name());
        producer.sendBodyAndHeaders(endpoint, "", headers);
    }
}
