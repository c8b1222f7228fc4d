package org.imageharvester.scaleout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;

import org.imageharvester.values.Outcome;
import org.imageharvester.values.Source;

/**
 * On a worker: gathers the outcomes of a job and answers them to the scheduler whose run it belongs to, in one message
 * (its body an {@link AnswerBody}, its run, scheduler and source in headers) sent through {@code direct:send-answer},
 * which retries while the broker is away.
 */
public final class WorkerAnswers {

    // a slow job answers what it has at the latest after this share of harvest.resultTimeout, so its scheduler, which
    // ends a run that hears nothing from its workers for that long, hears of it well before
    private static final int ANSWERS_PER_RESULT_TIMEOUT = 5;

    private String endpoint;
    private ProducerTemplate producer;
    private AnswerBody body;
    private long resultTimeout;

    /** Sets the endpoint the answers go to. */
    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Sets the template the answers are sent with. */
    public void setProducer(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Sets how an answer's body is written. */
    public void setBody(AnswerBody body) {
        this.body = body;
    }

    /** Sets {@code harvest.resultTimeout}. */
    public void setResultTimeout(long resultTimeout) {
        this.resultTimeout = resultTimeout;
    }

    /** A new job's answer, empty. */
    public JobAnswer begin() {
        return new JobAnswer();
    }

    /** Adds one outcome (a link's, or its thumbnail's) to its job's answer. */
    public void add(@ExchangeProperty("answer") JobAnswer answer, @ExchangeProperty("outcome") Outcome outcome) {
        answer.add(outcome);
    }

    /** True when the job's answer has held an outcome so long that it is answered now, before the job is done. */
    public boolean isDue(@ExchangeProperty("answer") JobAnswer answer) {
        return answer.heldFor(resultTimeout / ANSWERS_PER_RESULT_TIMEOUT);
    }

    /** Sends the outcomes the answer holds, of a job of {@code run}, to {@code scheduler}, naming its source. */
    public void send(JobAnswer answer, String run, String scheduler, Source source) {
        List<Outcome> outcomes = answer.take();
        if (outcomes.isEmpty()) return;
        Map<String, Object> headers = new HashMap<>();
        headers.put("HarvestRun", run);
        headers.put("HarvestScheduler", scheduler);
        if (source != null && source.name() != null) headers.put("HarvestSource", source.name());
        producer.sendBodyAndHeaders(endpoint, body.write(outcomes), headers);
    }
}
