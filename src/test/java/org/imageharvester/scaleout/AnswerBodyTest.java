package org.imageharvester.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.imageharvester.values.Likeness;
import org.imageharvester.values.Outcome;

/** A job's answer goes through the broker as one body: a worker writes it, a scheduler reads it as hostile input. */
class AnswerBodyTest {

    private final AnswerBody body = new AnswerBody();

    @BeforeEach
    void forJobsOfTwoLinks() {
        body.setBatchSize(2);
        body.setMaxLinkLength(100);
    }

    @Test
    void reads_back_every_outcome_a_worker_writes_in_its_order_with_text_the_network_sent() {
        // a reason quoting a server: quotes, tabs, new lines, a backslash, an unpaired surrogate and non-Latin text
        String reason = "HTTP 500: \"bad\"\tline\nnext \\ \uD800 Ärger 画像";
        List<Outcome> outcomes = List.of(new Outcome(Outcome.Kind.SAVED, "https://x.example/a.png",
                "/srv/images/a-0123456789ab.png", null, 1234, null),
                Outcome.failed("https://x.example/b.png", new IllegalStateException(reason), 500),
                new Outcome(Outcome.Kind.THUMBNAIL, "/srv/images/a-0123456789ab.png",
                        "/srv/thumbnails/a-0123456789ab_thumbnail.png", null, 0, null));

        AnswerBody.Read read = body.read(body.write(outcomes));

        assertNull(read.refusal());
        assertEquals(List.of(new AnswerLine("saved", "https://x.example/a.png", "/srv/images/a-0123456789ab.png", null,
                1234L), new AnswerLine("failed", "https://x.example/b.png", "IllegalStateException: " + reason
                        .replace('\uD800', '\uFFFD'), 500, 0L), new AnswerLine("thumbnail",
                        "/srv/images/a-0123456789ab.png", "/srv/thumbnails/a-0123456789ab_thumbnail.png", null, 0L)),
                read.lines());
        assertEquals(outcomes.get(0), read.lines().get(0).outcome());
    }

    @Test
    void cuts_a_reason_too_long_for_a_field_so_the_answer_is_still_read() {
        String reason = "x".repeat(10_000);

        AnswerBody.Read read = body.read(body.write(List.of(Outcome.skipped("https://x.example/a.png", reason))));

        assertNull(read.refusal());
        assertTrue(read.lines().get(0).detail().endsWith("... (10000 characters)"), read.lines().get(0).detail());
        assertTrue(read.lines().get(0).detail().length() <= 100 + 4096);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON | [{"kind":"saved" | not JSON
            a number | 42 | no array of outcomes
            an object | {"kind":"saved"} | no array of outcomes
            no outcomes | [] | no array of outcomes
            no object | ["saved"] | outcome 1: not an object
            no kind | [{"url":"https://x.example/a.png"}] | outcome 1: no kind
            a kind that is no text | [{"kind":["saved"]}] | field kind is not text
            a field of its own | [{"kind":"saved","owner":"root"}] | unknown field owner
            a url that is an object | [{"kind":"saved","url":{"a":1}}] | field url is not text
            a status that is text | [{"kind":"failed","status":"500"}] | field status is not a whole number
            a status past an int | [{"kind":"failed","status":99999999999}] | field status is not a whole number
            a fraction of a byte | [{"kind":"saved","bytes":1.5}] | field bytes is not a whole number
            bytes past a long | [{"kind":"saved","bytes":99999999999999999999}] | field bytes is not a whole number
            a second outcome broken | [{"kind":"saved"},{"kind":null}] | outcome 2: field kind is not text
            """)
    void refuses_whole_an_answer_that_is_not_what_a_worker_writes(String what, String answer, String why) {
        AnswerBody.Read read = body.read(answer);

        assertTrue(read.refusal() != null && read.refusal().contains(why), what + ": " + read.refusal());
        assertEquals(List.of(), read.lines());
    }

    @Test
    void refuses_more_outcomes_than_a_job_has_links_for_and_text_longer_than_a_job_answers() {
        List<Outcome> seven = new ArrayList<>();
        for (int i = 0; i < 7; i++) seven.add(Outcome.skipped("https://x.example/" + i + ".png", "listed twice"));
        assertTrue(body.read(body.write(seven)).refusal().contains("7 outcomes, more than"));
        assertNull(body.read(body.write(seven.subList(0, 6))).refusal(), "3 outcomes a link: a job of 2 links");

        String huge = "[" + "{\"kind\":\"saved\"},".repeat(80_000) + "{\"kind\":\"saved\"}]";
        assertTrue(body.read(huge).refusal().contains("characters, more than a job's answer holds"));
        String longField = "[{\"kind\":\"saved\",\"detail\":\"" + "y".repeat(100 + 4096 + 1) + "\"}]";
        assertTrue(body.read(longField).refusal().contains("field detail is not text of a link's length"));
    }

    @Test
    void carries_a_near_duplicate_with_what_it_resembles_and_refuses_a_distance_that_is_no_number() {
        Likeness near = Likeness.of(7).near("/srv/images/b-0123456789ab.png", "https://x.example/b.png",
                "/srv/thumbnails/b-0123456789ab_thumbnail.png", 4);
        Outcome made = new Outcome(Outcome.Kind.THUMBNAIL, "/srv/images/a-0123456789ab.png",
                "/srv/thumbnails/a-0123456789ab_thumbnail.png", null, 0, null, Likeness.of(7));

        List<AnswerLine> lines = body.read(body.write(List.of(Outcome.nearDuplicate("https://x.example/a.png", made,
                1234, near, false)))).lines();

        assertEquals(List.of(new AnswerLine("near-duplicate", "https://x.example/a.png",
                "/srv/thumbnails/a-0123456789ab_thumbnail.png", null, 1234L, "/srv/images/a-0123456789ab.png",
                "/srv/images/b-0123456789ab.png", "https://x.example/b.png",
                "/srv/thumbnails/b-0123456789ab_thumbnail.png", 4)), lines);
        assertTrue(body.read("[{\"kind\":\"near-duplicate\",\"distance\":\"4\"}]").refusal()
                .contains("field distance is not a whole number"));
        assertTrue(body.read("[{\"kind\":\"near-duplicate\",\"distance\":99999999999}]").refusal()
                .contains("field distance is not a whole number"));
    }

    @Test
    void refuses_an_answer_that_is_no_text() {
        assertTrue(body.read(new byte[] {'[', ']'}).refusal().contains("no text message"));
        assertTrue(body.read(null).refusal().contains("no text message"));
    }

    @Test
    void keeps_what_the_check_judges_for_it_to_judge() {
        // a negative size or an unknown kind is well formed: AnswerCheck refuses it, outcome by outcome, as before
        AnswerBody.Read read = body.read("[{\"kind\":\"deleted\",\"url\":\"https://x.example/a.png\",\"bytes\":-5,"
                + "\"status\":9999}]");

        assertNull(read.refusal());
        assertEquals(List.of(new AnswerLine("deleted", "https://x.example/a.png", null, 9999, -5L)), read.lines());
    }
}
