package org.imageharvester.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The history page's chart as SVG (no script): saved (green) and failed (red) images stacked per run, oldest on the
 * left, against an axis of images, and the megabytes of each run as a line (blue) against an axis of its own. It
 * reads the same with one run as with a hundred: a bar is never wider than a twentieth of the chart, the axes end at a
 * round number, and the times under the bars are spaced so that they never overlap.
 */
final class HistoryChart {

    private static final int WIDTH = 600;
    private static final int LEFT = 44;
    private static final int RIGHT = 556;
    private static final int TOP = 12;
    private static final int BOTTOM = 162;
    // fewer runs than this still get a slot of this share of the width each, so one run is a bar, not a wall
    private static final int MIN_SLOTS = 20;
    // a time label ("12-02 19:01", 11 px) is about 66 px wide: labels closer than this would touch
    private static final int LABEL_GAP = 84;

    private HistoryChart() {
    }

    static void write(Writer out, List<HistoryPage.Row> newestFirst) throws IOException {
        List<HistoryPage.Row> rows = new ArrayList<>(newestFirst);
        Collections.reverse(rows);
        long most = round(rows.stream().mapToLong(r -> r.saved() + r.failed()).max().orElse(0));
        double mostMb = round(rows.stream().mapToLong(HistoryPage.Row::bytes).max().orElse(0) / 1e6);
        double step = (double) (RIGHT - LEFT) / Math.max(rows.size(), MIN_SLOTS);
        int height = BOTTOM - TOP;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg id=\"chart\" viewBox=\"0 0 %d 186\""
                + " role=\"img\" aria-label=\"saved, failed and megabytes per run\" font-size=\"11\">\n", WIDTH));
        for (int i = 0; i <= 2; i++) {
            double y = BOTTOM - height * i / 2.0;
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                    + " stroke=\"#ddd\"/>\n", LEFT, y, RIGHT, y));
            if (i == 0 || i == 2 || most % 2 == 0) svg.append(String.format(Locale.ROOT, "<text class=\"images\""
                    + " x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", LEFT - 4, y + 4, most * i / 2));
            svg.append(String.format(Locale.ROOT, "<text class=\"mb\" x=\"%d\" y=\"%.1f\" fill=\"#24c\">%s</text>\n",
                    RIGHT + 4, y + 4, mb(mostMb * i / 2) + (i == 2 ? " MB" : "")));
        }
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        double lastLabel = Double.MAX_VALUE;
        List<String> labels = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0; i--) {
            HistoryPage.Row row = rows.get(i);
            double x = LEFT + i * step + step * 0.15;
            double w = step * 0.7;
            double saved = height * row.saved() / (double) most;
            double failed = height * row.failed() / (double) most;
            String when = ContactSheet.html(row.run() + ", " + ReadableTime.of(row.startedAt()));
            svg.append(String.format(Locale.ROOT, "<rect class=\"saved\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                    + " height=\"%.1f\" fill=\"#3a3\"><title>%s: %d saved</title></rect>\n", x, BOTTOM - saved, w,
                    saved, when, row.saved()));
            svg.append(String.format(Locale.ROOT, "<rect class=\"failed\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                    + " height=\"%.1f\" fill=\"#c33\"><title>%s: %d failed</title></rect>\n", x,
                    BOTTOM - saved - failed, w, failed, when, row.failed()));
            double centre = LEFT + i * step + step / 2;
            double y = BOTTOM - height * row.bytes() / 1e6 / mostMb;
            line.insert(0, String.format(Locale.ROOT, "%.1f,%.1f ", centre, y));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#24c\"/>\n",
                    centre, y, Math.min(2.5, step / 3)));
            // the newest run's time always, then each one far enough from the last label written
            if (lastLabel - centre < LABEL_GAP) continue;
            lastLabel = centre;
            labels.add(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"/>"
                    + "<text class=\"when\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", centre, BOTTOM,
                    centre, BOTTOM + 4, centre, BOTTOM + 16, ContactSheet.html(ReadableTime.brief(row.startedAt()))));
        }
        if (rows.isEmpty()) svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">no runs yet</text>\n", WIDTH / 2, BOTTOM / 2));
        svg.append("<polyline class=\"bytes\" fill=\"none\" stroke=\"#24c\" stroke-width=\"2\" points=\"")
                .append(line.toString().trim()).append("\"/>\n").append(dots);
        labels.forEach(svg::append);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n",
                LEFT, BOTTOM, RIGHT, BOTTOM));
        out.write(svg.append("</svg>\n").toString());
        out.write("<p class=\"key\"><span style=\"background:#3a3\"></span>saved<span style=\"background:#c33\"></span>"
                + "failed (images, left axis)<span style=\"background:#24c\"></span>MB (right axis)</p>\n");
    }

    // the axis ends at 1, 2 or 5 times a power of ten at or above the largest value (at least 1)
    private static long round(long most) {
        return (long) round((double) Math.max(1, most));
    }

    private static double round(double most) {
        if (most <= 0) return 1;
        double power = Math.pow(10, Math.floor(Math.log10(most)));
        for (int times : new int[] {1, 2, 5}) {
            if (times * power >= most * 0.999999) return times * power;
        }
        return 10 * power;
    }

    private static String mb(double value) {
        if (value == 0) return "0";
        return value >= 10 ? String.format(Locale.ROOT, "%.0f", value) : value >= 1
                ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2g", value);
    }
}
