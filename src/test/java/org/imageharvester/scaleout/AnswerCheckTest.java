package org.imageharvester.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.report.HarvestReport;
import org.imageharvester.report.RunGate;
import org.imageharvester.report.RunTally;
import org.imageharvester.source.LinkCheck;
import org.imageharvester.values.Likeness;
import org.imageharvester.values.Outcome;
import org.imageharvester.values.Source;

/** A scheduler counts only answers a worker of its own run could have sent: the broker is the network too. */
class AnswerCheckTest {

    private static final String LINK = "https://x.example/cat.png";

    @TempDir
    Path work;

    private final AnswerCheck check = new AnswerCheck();
    private String run;
    private String image;
    private String thumbnail;

    @BeforeEach
    void knowOneLinkOfTheRun() throws Exception {
        LinkCheck links = new LinkCheck();
        links.setMaxLinks(10);
        links.setMaxLinkLength(4096);
        links.refusal(LINK);
        RunGate gate = new RunGate();
        HarvestReport report = new HarvestReport(gate, new RunTally());
        report.setDir(work.resolve("reports").toString());
        report.setContactSheet(false);
        gate.begin();
        report.begin(List.of(new Source("source", "https://x.example/listing",
                "lines", null, null, null, null, 1, 1, 0, null, 0)));
        run = gate.runId();
        check.setLinks(links);
        check.setGate(gate);
        check.setImageDir(work.resolve("images").toString());
        check.setThumbnailDir(work.resolve("thumbnails").toString());
        check.setMaxBytes(1000);
        String name = new ImageFileNamer().name(LINK, "png");
        image = work.resolve("images").resolve(name).toString();
        thumbnail = work.resolve("thumbnails").resolve(name.replace(".png", "_thumbnail.png")).toString();
    }

    @Test
    void counts_the_answers_a_worker_of_this_run_sends() {
        assertNull(check.refusal(run, "saved", LINK, image, null, 500L));
        assertNull(check.refusal(run, "failed", LINK, "HTTP 404", 404, 0L));
        assertNull(check.refusal(run, "skipped", LINK, "same bytes as https://x.example/dog.png", null, 0L));
        assertNull(check.refusal(run, "thumbnail", image, thumbnail, null, 0L));
        assertNull(check.refusal(run, "thumbnail-failed", image, "no decoder for this image's format", null, 0L));
    }

    @Test
    void counts_the_first_answer_about_a_link_of_the_running_harvest_only() {
        assertTrue(check.refusal("20200101-000000-000", "saved", LINK, image, null,
                500L).contains("not the running harvest"));
        assertFalse(check.isRepeat(run, "saved", LINK));
        assertTrue(check.isRepeat(run, "failed", LINK));
        assertFalse(check.isRepeat(run, "thumbnail", LINK));
    }

    @Test
    void refuses_forged_answers() {
        assertTrue(check.refusal(run, "saved", "https://evil.example/x.png", image, null,
                1L).contains("not one of the running"));
        assertNotNull(check.refusal(run, "deleted", LINK, image, null, 1L));
        assertNotNull(check.refusal(run, "saved", LINK, image, null, -5L));
        assertNotNull(check.refusal(run, "saved", LINK, image, null, 1001L));
        assertNotNull(check.refusal(run, "failed", LINK, "x", 9999, 0L));
        // files outside the folders, or not named as the harvester names them
        assertNotNull(check.refusal(run, "saved", LINK, "/etc/passwd", null, 1L));
        assertNotNull(check.refusal(run, "saved", LINK, work.resolve("images/../../x-0123456789ab.png").toString(),
                null, 1L));
        assertNotNull(check.refusal(run, "saved", LINK, work.resolve("images/javascript:alert(1).png").toString(), null,
                1L));
        assertNotNull(check.refusal(run, "thumbnail", image, work.resolve("thumbnails/javascript:alert(1)").toString(),
                null, 0L));
        assertNotNull(check.refusal(run, "thumbnail", "/etc/passwd", thumbnail, null, 0L));
        assertNotNull(check.refusal(run, "thumbnail", image, work.resolve("thumbnails/a\n/../"
                + Path.of(thumbnail).getFileName()).toString(), null, 0L));
        assertEquals(null, check.refusal(run, "thumbnail", image, thumbnail, null, 0L));
    }

    @Test
    void judges_each_outcome_of_a_job_s_answer_on_its_own() {
        AnswerBody body = new AnswerBody();
        body.setBatchSize(10);
        body.setMaxLinkLength(4096);
        // as a worker, or whoever holds the broker login, may write it: one good outcome and two forged
        String answer = body.write(List.of(new Outcome(Outcome.Kind.SAVED, LINK, image, null, 500, image),
                new Outcome(Outcome.Kind.SAVED, "https://evil.example/x.png", image, null, 500, image),
                new Outcome(Outcome.Kind.THUMBNAIL, image, "/etc/passwd", null, 0, null)));

        List<AnswerLine> lines = body.read(answer).lines();

        assertEquals(3, lines.size());
        assertNull(check.refusal(run, lines.get(0)));
        assertTrue(check.refusal(run, lines.get(1)).contains("not one of the running"));
        assertTrue(check.refusal(run, lines.get(2)).contains("not a thumbnail of thumbnail.dir"));
        assertTrue(check.refusal("20200101-000000-000", lines.get(0)).contains("not the running harvest"));
        assertFalse(check.isRepeat(run, lines.get(0)));
        assertTrue(check.isRepeat(run, lines.get(0)), "the same outcome in a redelivered job's answer");
    }

    @Test
    void counts_an_image_a_worker_kept_without_a_thumbnail_and_refuses_one_forged() {
        AnswerBody body = new AnswerBody();
        body.setBatchSize(10);
        body.setMaxLinkLength(4096);
        String answer = body.write(List.of(Outcome.noThumbnail(LINK, image, 500, "AVIF has no decoder here"),
                Outcome.noThumbnail(LINK, "/etc/passwd", 500, "AVIF has no decoder here")));

        List<AnswerLine> lines = body.read(answer).lines();

        assertNull(check.refusal(run, lines.get(0)));
        assertEquals(Outcome.Kind.NO_THUMBNAIL, lines.get(0).outcome().kind());
        assertEquals(image, lines.get(0).outcome().image());
        assertEquals("AVIF has no decoder here", lines.get(0).outcome().detail());
        assertTrue(check.refusal(run, lines.get(1)).contains("not an image file of download.dir"));
    }

    @Test
    void counts_a_near_duplicate_and_an_undecodable_image_a_worker_answers_and_refuses_them_forged() {
        AnswerBody body = new AnswerBody();
        body.setBatchSize(10);
        body.setMaxLinkLength(4096);
        String earlier = work.resolve("images/dog-0123456789ab.png").toString();
        String earlierThumbnail = work.resolve("thumbnails/dog-0123456789ab_thumbnail.png").toString();
        Likeness near = Likeness.of(42).near(earlier, "https://x.example/dog.png", earlierThumbnail, 3);
        Outcome made = new Outcome(Outcome.Kind.THUMBNAIL, image, thumbnail, null, 0, null, Likeness.of(42));
        Outcome forgedDistance = Outcome.nearDuplicate(LINK, made, 500, Likeness.of(42).near(earlier, null, null, 65),
                false);
        Outcome outside = Outcome.nearDuplicate(LINK, made, 500, near.near("/etc/passwd", null, null, 1), true);
        String answer = body.write(List.of(Outcome.nearDuplicate(LINK, made, 500, near, false),
                Outcome.nearDuplicate(LINK, made, 500, near, true),
                Outcome.undecodable(LINK, image, 500, "does not decode: IIOException: junk", true),
                forgedDistance, outside,
                Outcome.undecodable(LINK, "/etc/passwd", 500, "does not decode", false)));

        List<AnswerLine> lines = body.read(answer).lines();

        assertNull(check.refusal(run, lines.get(0)));
        assertEquals(Outcome.nearDuplicate(LINK, made, 500, near, false).likeness().like(),
                lines.get(0).outcome().likeness().like());
        assertEquals(Outcome.Kind.NEAR_DUPLICATE, lines.get(0).outcome().kind());
        assertEquals(image, lines.get(0).outcome().image());
        assertNull(check.refusal(run, lines.get(1)));
        assertNull(lines.get(1).detail(), "a removed near-duplicate has no thumbnail");
        assertNull(check.refusal(run, lines.get(2)));
        assertEquals(Outcome.Kind.UNDECODABLE_REMOVED, lines.get(2).outcome().kind());
        assertTrue(check.refusal(run, lines.get(3)).contains("distance 65"), check.refusal(run, lines.get(3)));
        assertTrue(check.refusal(run, lines.get(4)).contains("not an image file of download.dir"));
        assertTrue(check.refusal(run, lines.get(5)).contains("not an image file of download.dir"));
        // a link's answer with a judged image's fields is no answer a worker writes
        assertNotNull(check.refusal(run, new AnswerLine("saved", LINK, image, null, 500L, image, null, null, null,
                null)));
        // the image is judged once: a redelivered job's second answer about it is a repeat, however it is told
        assertFalse(check.isRepeat(run, lines.get(0)));
        assertTrue(check.isRepeat(run, new AnswerLine("thumbnail", image, thumbnail, null, 0L)));
    }

    @Test
    void counts_files_an_earlier_version_named() {
        String earlier = work.resolve("images/cat-0123456789ab.heic").toString();
        assertNull(check.refusal(run, "saved", LINK, earlier, null, 1L));
        assertNotNull(check.refusal(run, "saved", LINK, work.resolve("images/cat-0123456789ab.x/y").toString(), null,
                1L));
    }
}
