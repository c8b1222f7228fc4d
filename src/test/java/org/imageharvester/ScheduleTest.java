package org.imageharvester;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The cron schedule fires harvests, and a harvest that outlasts the next trigger is never overlapped. */
class ScheduleTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("harvest.cron", "*/1 * * * * ?");
    }

    @Test
    void never_starts_a_harvest_while_the_previous_one_is_going() throws Exception {
        server.serve("/slow.png", "image/png", TestImages.image("png", 20, 20, 7))
                .serve("/urls.txt", "text/plain", server.url("/slow.png"));
        server.delayImages(2500);
        await().atMost(30, TimeUnit.SECONDS).until(() -> reportNames().size() >= 2);

        List<JsonNode> reports = new ArrayList<>();
        for (String name : reportNames()) {
            reports.add(new ObjectMapper().readTree(file("reports", name).toFile()));
        }
        assertTrue(reports.size() >= 2, "two scheduled harvests within 30 s: " + reports);
        for (int i = 1; i < reports.size(); i++) {
            Instant previousEnd = start(reports.get(i - 1)).plusMillis(reports.get(i - 1).get("durationMs").asLong());
            assertTrue(!start(reports.get(i)).isBefore(previousEnd),
                    "run " + i + " started at " + start(reports.get(i)) + ", before run " + (i - 1) + " ended at "
                    + previousEnd);
            assertTrue(reports.get(i).get("durationMs").asLong() >= 2500, "each run waited for the slow server");
        }
    }

    private List<String> reportNames() throws IOException {
        return files("reports").stream().filter(name -> name.endsWith(".json")).toList();
    }

    private static Instant start(JsonNode report) throws IOException {
        return Instant.parse(report.get("startedAt").asText());
    }
}
