package org.imageharvester.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.camel.ExchangeProperty;

/**
 * Decides, once a run has ended, whether it is notified ({@code notify.when}) and where: the webhook, the mail, both
 * or neither.
 */
public final class RunNotice {

    /** The values {@code notify.when} may join with commas. */
    public static final Set<String> WHEN = Set.of("new", "failed", "always", "never");

    private Set<String> when = Set.of();
    private boolean webhook;
    private boolean mail;

    /** Sets {@code notify.when}: new, failed, always or never, or several joined by commas (any of them will do). */
    public void setWhen(String when) {
        Set<String> parts = Set.copyOf(List.of(when.trim().split("\\s*,\\s*")));
        if (!WHEN.containsAll(parts)) {
            throw new IllegalArgumentException("notify.when must be new, failed, always or never: " + when);
        }
        this.when = parts;
    }

    /** Sets {@code notify.webhook}: empty, no webhook. */
    public void setWebhook(String webhook) {
        this.webhook = !webhook.isBlank();
    }

    /** Sets {@code notify.mail.to}: empty, no mail. */
    public void setMailTo(String mailTo) {
        this.mail = !mailTo.isBlank();
    }

    /** Where the run's summary goes ({@code webhook}, {@code mail}); none when {@code notify.when} does not ask. */
    public List<String> targets(@ExchangeProperty("summary") HarvestSummary summary) {
        List<String> targets = new ArrayList<>();
        if (!due(summary)) return targets;
        if (webhook) targets.add("webhook");
        if (mail) targets.add("mail");
        return targets;
    }

    boolean due(HarvestSummary run) {
        boolean failed = run.failed() > 0 || run.failedAsAWhole();
        return when.contains("always") || when.contains("new") && run.saved() > 0
                || when.contains("failed") && failed;
    }
}
