package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.imageharvester.runner.App;
import org.imageharvester.runner.DemoGallery;
import org.imageharvester.runner.HarvestExit;

/** The runner as a user starts it, a separate Java process: the exit code of each way a --once run ends. */
class ExitCodeTest extends RunnerProcessSupport {

    @Test
    void harvests_the_demo_gallery_once_and_exits_0() throws Exception {
        Process runner = start(List.of(), "--once", "--demo");

        assertEquals(0, exitCode(runner, 120));
        assertEquals(DemoGallery.IMAGES, count("images"));
        assertEquals(DemoGallery.IMAGES, count("thumbnails"), "the thumbnails");
        assertTrue(Files.isRegularFile(work.resolve("thumbnails/index.html")), "the run's contact sheet");
        assertTrue(Files.isRegularFile(work.resolve("reports/index.html")), "the history page");
        assertTrue(Files.readString(work.resolve("thumbnails/index.html")).contains("Harvest finished: 32 listed"));
        String log = log(runner);
        assertTrue(log.contains("Harvest finished: 32 listed, 30 saved, 1 skipped, 1 failed, 30 thumbnails"), log);
    }

    @Test
    void exits_2_when_the_source_cannot_be_read() throws Exception {
        Process runner = start(List.of("-Dsource.url=" + server.url("/no-such-listing.json"), "-Dsource.headers="),
                "--once");

        assertEquals(HarvestExit.SOURCE_UNREADABLE, exitCode(runner, 60));
        assertTrue(log(runner).contains("Could not read the listing"), log(runner));
        assertEquals(1, count("reports"));
    }

    @Test
    void exits_2_when_one_of_several_sources_cannot_be_read_after_harvesting_the_others() throws Exception {
        server.serve("/a.png", "image/png", TestImages.image("png", 20, 20, 0x123456))
                .serve("/urls.txt", "text/plain", server.url("/a.png") + "\n");
        Process runner = start(List.of("-Dharvest.sources=good,gone", "-Dsource.good.url=" + server.url("/urls.txt"),
                "-Dsource.good.format=lines", "-Dsource.gone.url=" + server.url("/no-such-feed.xml"),
                "-Dsource.gone.format=feed", "-Dsource.headers="), "--once");

        assertEquals(HarvestExit.SOURCE_UNREADABLE, exitCode(runner, 60));
        String log = log(runner);
        assertTrue(log.contains("Harvest failed: could not read 1 of 2 sources; 1 listed, 1 saved"), log);
        assertTrue(log.contains("| gone: could not read its listing (HTTP 404"), log);
    }

    @Test
    void exits_1_at_start_up_when_a_header_variable_is_not_set() throws Exception {
        Process runner = start(List.of("-Dsource.headers=Authorization: Client-ID ${IMAGE_HARVESTER_UNSET_VARIABLE}"),
                "--once");

        assertEquals(App.START_FAILED, exitCode(runner, 60));
        assertTrue(log(runner).contains("Harvester could not start: source.headers needs environment variable"
                + " IMAGE_HARVESTER_UNSET_VARIABLE, which is not set"), log(runner));
        assertEquals(0, server.hits("/no-such-listing.json"));
    }

    @Test
    void exits_1_at_start_up_naming_a_misspelt_key_a_bad_cron_and_a_bad_size() throws Exception {
        Process runner = start(List.of("-Ddownload.concurency=4", "-Dharvest.cron=0 0 25 * * ?",
                "-Dthumbnail.width=big"), "--once");

        assertEquals(App.START_FAILED, exitCode(runner, 60));
        String log = log(runner);
        assertTrue(log.contains("Harvester could not start: "), log);
        assertTrue(log.contains("unknown setting download.concurency (did you mean download.concurrency?)"), log);
        assertTrue(log.contains("harvest.cron = '0 0 25 * * ?' is not a Quartz cron"), log);
        assertTrue(log.contains("thumbnail.width = 'big' is not a whole number"), log);
        assertEquals(0, server.hits("/no-such-listing.json"));
    }

    @Test
    void exits_1_at_start_up_when_the_embedded_broker_has_no_password() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process runner = start(List.of("-Dbroker.embedded=tcp://127.0.0.1:" + port,
                "-Dbroker.embeddedDir=" + work.resolve("broker"), "-Dbroker.user=harvester",
                "-Dsource.url=" + server.url("/no-such-listing.json"), "-Dsource.headers="), "--once");

        assertEquals(App.START_FAILED, exitCode(runner, 60));
        assertTrue(log(runner)
                .contains("Harvester could not start: broker.embedded needs broker.user and broker.password"
                + " (BROKER_USER / BROKER_PASSWORD in the environment)"), log(runner));
        assertTrue(Files.notExists(work.resolve("broker")), "no broker started");
        assertEquals(0, server.hits("/no-such-listing.json"));
    }

    @Test
    void exits_1_when_started_where_there_are_no_routes() throws Exception {
        Process runner = start(List.of(), work, "--once");

        assertEquals(App.START_FAILED, exitCode(runner, 60));
        assertTrue(log(runner).contains("no routes found"), log(runner));
    }

    @Test
    void exits_3_when_the_report_cannot_be_written() throws Exception {
        Path notAFolder = Files.writeString(work.resolve("reports-file"), "a file where the report folder should be");
        server.serve("/urls.txt", "text/plain", "");
        Process runner = start(List.of("-Dsource.url=" + server.url("/urls.txt"), "-Dsource.format=lines",
                "-Dsource.headers=", "-Dreport.dir=" + notAFolder), "--once");

        assertEquals(HarvestExit.HARVEST_BROKEN, exitCode(runner, 60));
        assertTrue(log(runner).contains("cannot write the run's report"), log(runner));
    }
}
