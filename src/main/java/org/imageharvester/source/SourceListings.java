package org.imageharvester.source;

import java.util.List;
import java.util.function.Predicate;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;

import org.imageharvester.ledger.Ledger;
import org.imageharvester.values.Deadline;
import org.imageharvester.values.Source;

/**
 * Opens a source's listing: its pages, each read through {@code direct:read-page} (routes/listing.camel.yaml: the
 * guarded connections, the byte and time caps) only when the downloads have taken the links before it.
 *
 * <p>The run's stop comes as a {@link Predicate} of the run's deadline ({@code #bean:runGate}): the gate belongs to
 * the report, a package above this one, which the listing must not import.
 */
public final class SourceListings implements CamelContextAware {

    private CamelContext camelContext;
    private volatile ProducerTemplate pages;
    private int maxLinkLength;
    private Ledger ledger;
    private Predicate<Deadline> runStop;

    /** Sets {@code source.maxLinkLength}: a next-page URL longer than this is refused. */
    public void setMaxLinkLength(int maxLinkLength) {
        this.maxLinkLength = maxLinkLength;
    }

    /** Sets the ledger, which a listing read with {@code source.stopAfterKnown} asks whether a link is known. */
    public void setLedger(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Sets the run's stop: true, given the run's deadline, once the harvest has stopped or its time is up. */
    public void setRunStop(Predicate<Deadline> runStop) {
        this.runStop = runStop;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /**
     * The source's links, read page by page as they are taken, until the harvest stops or its deadline passes (even
     * when its pages carry no links, which no link check would see).
     */
    public Listing open(@ExchangeProperty("source") Source source, @ExchangeProperty("runDeadline") Deadline deadline) {
        Ledger known = source.stopAfterKnown() > 0 ? ledger : null;
        return new Listing(new PagedListing(source, this::read, known == null ? null : known::knows, maxLinkLength,
                () -> runStop.test(deadline)));
    }

    /** Puts the source's request headers on the request for one of its pages, if they may go where it goes. */
    public void headers(@ExchangeProperty("source") Source source, @ExchangeProperty("pageUrl") String url,
            Message request) {
        source.headers().applyTo(request, url);
    }

    /**
     * Keeps the response of a page that is read as its links are taken (lines) open until the page is closed: the
     * HTTP component closes it when the exchange that read it completes, which is before its first link is taken.
     */
    public void keepOpen(Exchange exchange) {
        Page page = exchange.getMessage().getBody(Page.class);
        if (page == null || !page.streamed() || exchange.getUnitOfWork() == null) return;
        Exchange holder = new DefaultExchange(exchange.getContext());
        exchange.getUnitOfWork().handoverSynchronization(holder);
        exchange.getMessage().setBody(page.closing(() -> {
            List<Synchronization> completions = holder.getExchangeExtension().handoverCompletions();
            if (completions != null) completions.forEach(completion -> completion.onComplete(holder));
        }));
    }

    // (the context makes the template once; nothing is looked up in it)
    private Page read(Source source, String url, int number) throws Exception {
        if (pages == null) {
            synchronized (this) {
                if (pages == null) pages = camelContext.createProducerTemplate();
            }
        }
        Exchange page = pages.request("direct:read-page", request -> {
            request.setProperty("source", source);
            request.setProperty("pageUrl", url);
            request.setProperty("pageNumber", number);
        });
        if (page.getException() != null) throw page.getException();
        return page.getMessage().getBody(Page.class);
    }
}
