package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/** Links that lead to the machine's own network are refused, after DNS and on redirects, unless allowed. */
class PrivateAddressTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        // the name is allowed, its address is not: so a redirect from the name to the address must be refused
        settings.put("download.allowHosts", "localhost");
        // the listing goes through the same guard: by the allowed name
        settings.put("source.url", server.url("/urls.txt").replace("127.0.0.1", "localhost"));
    }

    @Test
    void refuses_loopback_links_and_redirects_unless_allowed() throws Exception {
        byte[] png = TestImages.image("png", 20, 20, 3);
        String byName = server.url("/ok.png").replace("127.0.0.1", "localhost");
        server.serve("/ok.png", "image/png", png)
                .serve("/direct.png", "image/png", png)
                .on("/redirect.png", call -> {
                    call.getResponseHeaders().set("Location", server.url("/direct.png"));
                    call.sendResponseHeaders(302, -1);
                    call.close();
                });
        server.serve("/urls.txt", "text/plain", String.join("\n", byName, server.url("/direct.png"),
                server.url("/redirect.png").replace("127.0.0.1", "localhost")));

        HarvestSummary summary = harvest();

        assertEquals(1, summary.saved(), summary.toString());
        assertEquals(2, summary.failed(), summary.toString());
        assertEquals(1, server.hits("/ok.png"));
        assertEquals(0, server.hits("/direct.png"), "neither the direct link nor the redirect reached the address");
        assertEquals(1, server.hits("/redirect.png"));
        for (JsonNode failure : report().get("failures")) {
            assertTrue(failure.get("reason").asText().contains("127.0.0.1, which is not a public address"),
                    failure.toString());
        }
    }
}
