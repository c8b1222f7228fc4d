package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.imageharvester.report.HarvestSummary;

/** An Imgur-style JSON API: links picked by the JSONPath, only JPEG and PNG entries kept, headers sent. */
class JsonSourceTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("source.url", server.url("/3/gallery/hot.json"));
        settings.put("source.format", "json");
        // a value from the environment, as a real Client-ID would come
        settings.put("source.headers", "Authorization: Client-ID ${PATH} | Accept: application/json");
    }

    @Test
    void keeps_only_jpeg_and_png_entries_and_sends_the_headers() throws Exception {
        byte[] jpeg = TestImages.image("jpg", 300, 200, 0x336699);
        byte[] png = TestImages.image("png", 120, 240, 0x993366);
        server.serve("/i/aaa.jpg", "image/jpeg", jpeg)
                .serve("/i/bbb.png", "image/png", png)
                .serve("/i/ccc.gif", "image/gif", TestImages.image("gif", 10, 10, 0))
                .serve("/3/gallery/hot.json", "application/json", """
                        {"data": [
                          {"id": "aaa", "type": "image/jpeg", "link": "%s"},
                          {"id": "bbb", "type": "image/png", "link": "%s"},
                          {"id": "ccc", "type": "image/gif", "link": "%s"},
                          {"id": "vid", "type": "video/mp4", "link": "%s"},
                          {"id": "alb", "is_album": true, "link": "%s"},
                          {"id": "notype", "link": "%s"}
                        ], "success": true, "status": 200}
                        """.formatted(server.url("/i/aaa.jpg"), server.url("/i/bbb.png"), server.url("/i/ccc.gif"),
                        server.url("/i/vid.mp4"), server.url("/a/alb"), server.url("/i/notype.jpg")));

        HarvestSummary summary = harvest();

        assertEquals(2, summary.listed(), summary.toString());
        assertEquals(2, summary.saved(), summary.toString());
        List<String> images = files("images");
        assertEquals(2, images.size(), images.toString());
        assertArrayEquals(jpeg, Files.readAllBytes(file("images", images.get(0))));
        assertArrayEquals(png, Files.readAllBytes(file("images", images.get(1))));
        assertEquals(0, server.hits("/i/ccc.gif") + server.hits("/i/vid.mp4") + server.hits("/i/notype.jpg"));
        assertEquals("Client-ID " + System.getenv("PATH"),
                server.requestHeaders("/3/gallery/hot.json").getFirst("Authorization"));
        assertEquals("application/json", server.requestHeaders("/3/gallery/hot.json").getFirst("Accept"));
        // the listing's headers must not travel on to the image requests
        assertEquals(null, server.requestHeaders("/i/aaa.jpg").getFirst("Authorization"));
    }
}
