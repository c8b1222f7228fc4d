package org.imageharvester.report;

import java.io.IOException;
import java.util.Locale;

/**
 * The status page as HTML: the harvest running now (its totals, then each source's figures and last failure), the
 * next scheduled run and the last runs, each linked to its contact sheet. Read-only and self-contained: no form, no
 * button, no script and nothing from elsewhere; it reloads itself ({@code <meta http-equiv="refresh">}) and every
 * value is escaped, since source names, links and reasons come from the network or from report files.
 */
public final class StatusPage {

    private RunStatus status;
    private int refresh;

    /** Sets what the page shows. */
    public void setStatus(RunStatus status) {
        this.status = status;
    }

    /** Sets {@code status.refresh}: the page reloads itself every this many seconds. */
    public void setRefresh(int refresh) {
        this.refresh = refresh;
    }

    /** The page as it is now (what GET /observe/status answers). */
    public String html() throws IOException {
        RunStatus.Status now = status.now();
        StringBuilder out = new StringBuilder(8192);
        out.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta http-equiv=\"refresh\" content=\"").append(refresh).append("\">\n"
                + "<title>Harvester status</title>\n<style>\n"
                + "body{font-family:sans-serif;margin:12px;background:#f4f4f4;color:#222;max-width:60em}\n"
                + "section,.source{background:#fff;border:1px solid #ccc;padding:4px 12px;margin:12px 0}\n"
                + "dl{display:flex;flex-wrap:wrap;margin:4px 0}dt{color:#555}dd{margin:0 16px 0 4px;font-weight:bold}\n"
                + "code,.wrap{overflow-wrap:anywhere}.failed{color:#b00}h2{font-size:120%}h3{font-size:105%}\n"
                + ".runs{overflow-x:auto}table{border-collapse:collapse}td,th{padding:3px 6px;"
                + "border-bottom:1px solid #ddd;text-align:right}\n"
                + "td:first-child,th:first-child,.status{text-align:left}\n"
                + ".status{overflow-wrap:anywhere}\n</style></head>\n<body>\n<h1>Harvester status</h1>\n");
        out.append("<p id=\"updated\">As of ").append(time(now.now())).append("; this page reloads itself every ")
                .append(refresh).append(" s.</p>\n");
        running(out, now.running());
        out.append("<section id=\"next\"><h2>Next scheduled run</h2><p>").append(now.nextRun() == null
                ? "none: this runner does not harvest on a schedule (--once, or a worker)"
                : time(now.nextRun()) + " (harvest.cron = " + ContactSheet.html(now.schedule()) + ")")
                .append("</p></section>\n");
        lastRuns(out, now);
        return out.append("</body></html>\n").toString();
    }

    private static void running(StringBuilder out, RunStatus.Running run) {
        out.append("<section id=\"now\">");
        if (run == null) {
            out.append("<h2>Running now</h2><p>No harvest is running.</p></section>\n");
            return;
        }
        out.append("<h2>Running now: ").append(ContactSheet.html(run.run())).append("</h2>\n<p>Started ")
                .append(time(run.startedAt())).append(", ").append(run.seconds()).append(" s ago.")
                .append(run.stopping() == null ? "" : " <span class=\"failed\">Stopping: "
                        + ContactSheet.html(run.stopping()) + "</span>").append("</p>\n<dl id=\"totals\">");
        figure(out, "listed", run.listed());
        figure(out, "saved", run.saved());
        figure(out, "skipped", run.skipped());
        figure(out, "failed", run.failed());
        figure(out, "thumbnails", run.thumbnails());
        out.append("<dt>MB</dt><dd id=\"bytes\">").append(mb(run.bytes())).append("</dd></dl>\n");
        for (RunStatus.SourceNow source : run.sources()) {
            out.append("<div class=\"source\"><h3>").append(ContactSheet.html(source.name()))
                    .append("</h3>\n<p class=\"wrap\"><code>").append(ContactSheet.html(source.url()))
                    .append("</code></p>\n<dl>");
            out.append("<dt>pages read</dt><dd>").append(source.pages()).append("</dd><dt>listed</dt><dd>")
                    .append(source.listed()).append("</dd><dt>saved</dt><dd>").append(source.saved())
                    .append("</dd><dt>failed</dt><dd>").append(source.failed()).append("</dd><dt>MB</dt><dd>")
                    .append(mb(source.bytes())).append("</dd></dl>\n");
            if (source.listingError() != null) out.append("<p class=\"failed wrap\">Listing could not be read: ")
                    .append(ContactSheet.html(source.listingError())).append("</p>\n");
            if (source.lastFailure() != null) out.append("<p class=\"wrap last-failure\">Last failure: <span"
                    + " class=\"failed\">").append(ContactSheet.html(source.lastFailure()))
                    .append("</span><br><code>").append(ContactSheet.html(source.lastFailedUrl()))
                    .append("</code></p>\n");
            out.append("</div>\n");
        }
        out.append("</section>\n");
    }

    private static void lastRuns(StringBuilder out, RunStatus.Status now) {
        out.append("<section id=\"last\"><h2>Last runs</h2>\n");
        if (now.lastRuns().isEmpty()) out.append("<p>None yet.</p>\n");
        else out.append("<div class=\"runs\"><table id=\"runs\">\n<tr><th>started</th><th>took</th><th>saved</th>"
                + "<th>failed</th><th>MB</th><th>status</th></tr>\n");
        for (RunStatus.PastRun run : now.lastRuns()) {
            String started = time(run.startedAt());
            out.append("<tr><td>").append(run.contactSheet() == null ? started : "<a href=\""
                    + ContactSheet.html(run.contactSheet()) + "\">" + started + "</a>").append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f s", run.durationMs() / 1000.0)).append("</td><td>")
                    .append(run.saved()).append("</td><td").append(run.failed() > 0 ? " class=\"failed\"" : "")
                    .append('>').append(run.failed()).append("</td><td>").append(mb(run.bytes()))
                    .append("</td><td class=\"status\">").append(ContactSheet.html(run.status()))
                    .append(" · <a href=\"").append(ContactSheet.html(run.report())).append("\">JSON</a></td></tr>\n");
        }
        if (!now.lastRuns().isEmpty()) out.append("</table></div>\n");
        out.append("<p><a href=\"").append(ContactSheet.html(now.history())).append("\">Every run</a> · <a href=\""
                + "status.json\">This page as JSON</a></p></section>\n");
    }

    private static void figure(StringBuilder out, String name, long value) {
        out.append("<dt>").append(name).append("</dt><dd id=\"").append(name).append("\">").append(value)
                .append("</dd>");
    }

    private static String time(String iso) {
        return ContactSheet.html(ReadableTime.of(iso));
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }
}
