package org.imageharvester.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.values.KeptImages;
import org.imageharvester.values.Known;
import org.imageharvester.values.Outcome;

class LedgerTest {

    @TempDir
    Path work;

    @Test
    void calls_a_file_a_copy_only_when_its_bytes_are_the_same_not_just_its_fingerprint() throws Exception {
        Ledger ledger = open();
        try {
            Path first = Files.write(work.resolve("a.png"), new byte[] {1, 2, 3});
            Path same = Files.write(work.resolve("b.png"), new byte[] {1, 2, 3});
            Path other = Files.write(work.resolve("c.png"), new byte[] {9, 9, 9});

            assertNull(ledger.record("http://x/a.png", first.toString(), "forged", null, null));
            // a fingerprint collision (forged here): other bytes, so both files stay
            assertNull(ledger.record("http://x/c.png", other.toString(), "forged", null, null));
            assertTrue(Files.exists(other));
            // the same bytes under the same fingerprint: a copy, deleted, and the first URL named
            assertEquals("http://x/a.png", ledger.record("http://x/b.png", same.toString(), "forged", null, null));
            assertTrue(Files.notExists(same));
            assertTrue(Files.exists(first));
        } finally {
            ledger.close();
        }
    }

    @Test
    void records_a_copy_as_a_copy_of_the_owners_file_so_its_next_body_gets_a_name_of_its_own() throws Exception {
        Ledger ledger = open();
        try {
            Path owner = Files.write(work.resolve("a.png"), new byte[] {1, 2, 3});
            Path copy = Files.write(work.resolve("b.png"), new byte[] {1, 2, 3});
            ledger.record("http://x/a.png", owner.toString(), null, "\"v1\"", null);
            ledger.record("http://x/b.png", copy.toString(), null, "\"v2\"", null);
            ledger.flush();

            assertEquals(new Known(owner.toString(), "\"v1\"", null), ledger.lookup("http://x/a.png"));
            Known known = ledger.lookup("http://x/b.png");
            assertEquals(new Known(owner.toString(), "\"v2\"", null, null, "http://x/a.png"), known);
            assertFalse(known.ownsFile(), "never the copy's to write over or remove");
        } finally {
            ledger.close();
        }
    }

    @Test
    void names_the_owner_of_each_copy_a_ledger_of_an_earlier_version_recorded_as_its_own() throws Exception {
        Path owner = Files.write(work.resolve("a.png"), new byte[] {1, 2, 3});
        String url = "jdbc:h2:file:" + work.resolve("state/ledger").toAbsolutePath();
        try (Connection db = DriverManager.getConnection(url, "harvester", ""); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE saved (url VARCHAR PRIMARY KEY, file VARCHAR NOT NULL, etag VARCHAR,"
                    + " last_modified VARCHAR, saved_at TIMESTAMP NOT NULL, fingerprint VARCHAR, dhash BIGINT,"
                    + " dropped VARCHAR)");
            sql.execute("CREATE TABLE content (fingerprint VARCHAR PRIMARY KEY, url VARCHAR NOT NULL,"
                    + " file VARCHAR NOT NULL)");
            sql.execute("INSERT INTO content VALUES ('f1', 'http://x/a.png', '" + owner + "')");
            for (String link : new String[] {"http://x/a.png", "http://x/b.png"}) {
                sql.execute("INSERT INTO saved (url, file, etag, saved_at, fingerprint) VALUES ('" + link + "', '"
                        + owner + "', '\"v\"', CURRENT_TIMESTAMP, 'f1')");
            }
        }

        Ledger ledger = open();
        try {
            assertTrue(ledger.lookup("http://x/a.png").ownsFile());
            assertEquals("http://x/a.png", ledger.lookup("http://x/b.png").copyOf());
        } finally {
            ledger.close();
        }
    }

    @Test
    void tells_what_became_of_a_link_done_before_its_job_came_back_without_asking_the_server() throws Exception {
        Ledger ledger = open();
        try {
            Instant runBegan = Instant.now().minusSeconds(60);
            Path first = Files.write(work.resolve("a.png"), new byte[] {1, 2, 3});
            Path copy = Files.write(work.resolve("b.png"), new byte[] {1, 2, 3});
            ledger.record("http://x/a.png", first.toString(), null, "\"v1\"", null);
            ledger.record("http://x/b.png", copy.toString(), null, "\"v2\"", null);
            ledger.flush();

            // its own bytes, written since the run began: saved, its thumbnail to be made
            Outcome saved = ledger.doneBefore("http://x/a.png", runBegan);
            assertEquals(new Outcome(Outcome.Kind.SAVED, "http://x/a.png", first.toString(), null, 3, first.toString()),
                    saved);
            // written before the run: an earlier run's, skipped
            Outcome earlier = ledger.doneBefore("http://x/a.png", Instant.now().plusSeconds(60));
            assertEquals(Outcome.Kind.SKIPPED, earlier.kind());
            assertEquals(first.toString(), earlier.image(), "its thumbnail made if it is missing");
            // another link's bytes: a copy, as the first answer said (not "saved", which would want a thumbnail)
            assertEquals(Outcome.skipped("http://x/b.png", "same bytes as http://x/a.png"),
                    ledger.doneBefore("http://x/b.png", runBegan));
            // nothing on record (a link that failed is not recorded as done, so this is rare): skipped
            assertEquals(Outcome.skipped("http://x/c.png", "done before its job came back"),
                    ledger.doneBefore("http://x/c.png", runBegan));
        } finally {
            ledger.close();
        }
    }

    @Test
    void opens_a_ledger_that_indexed_content_by_sha256_and_keeps_its_saved_images() throws Exception {
        String url = "jdbc:h2:file:" + work.resolve("state/ledger").toAbsolutePath();
        try (Connection db = DriverManager.getConnection(url, "harvester", ""); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE saved (url VARCHAR PRIMARY KEY, file VARCHAR NOT NULL, etag VARCHAR,"
                    + " last_modified VARCHAR, sha256 CHAR(64) NOT NULL, saved_at TIMESTAMP NOT NULL)");
            sql.execute("CREATE TABLE content (sha256 CHAR(64) PRIMARY KEY, url VARCHAR NOT NULL, file VARCHAR NOT "
                    + "NULL)");
            sql.execute("INSERT INTO saved VALUES ('http://x/old.png', '" + work.resolve("old.png")
                    + "', '\"v1\"', NULL, '" + "ab".repeat(32) + "', CURRENT_TIMESTAMP)");
        }
        Files.write(work.resolve("old.png"), new byte[] {5});

        Ledger ledger = open();
        try {
            Known known = ledger.lookup("http://x/old.png");
            assertTrue(known.askable(), "asked again, conditionally");
            assertEquals("\"v1\"", known.etag());
            Path fresh = Files.write(work.resolve("new.png"), new byte[] {6});
            assertNull(ledger.record("http://x/new.png", fresh.toString(), null, null, null));
        } finally {
            ledger.close();
        }
    }

    @Test
    void hands_out_connections_from_one_sized_pool_and_replaces_one_the_database_closed() throws Exception {
        Ledger ledger = ledger("state/ledger");
        ledger.setPoolSize(3);
        ledger.open();
        try {
            HikariDataSource pool = (HikariDataSource) Ledger.dataSourceOf(ledger);
            assertEquals(3, pool.getMaximumPoolSize());
            // the database goes away under the pool (a restart): the next connection is a working one
            try (Connection db = DriverManager.getConnection("jdbc:h2:file:"
                    + work.resolve("state/ledger").toAbsolutePath(),
                    "harvester", ""); Statement sql = db.createStatement()) {
                sql.execute("SHUTDOWN");
            }
            // (HikariCP checks a connection that was idle for over 500 ms before it hands it out)
            Thread.sleep(600);
            Path image = Files.write(work.resolve("a.png"), new byte[] {1, 2, 3});
            assertNull(ledger.record("http://x/a.png", image.toString(), "fp", null, null));
            ledger.flush();
            assertTrue(ledger.knows("http://x/a.png"));
        } finally {
            ledger.close();
        }
    }

    @Test
    void keeps_its_folder_and_files_to_its_user_whatever_they_were_made_with() throws Exception {
        // a ledger an earlier version left readable to all, in a folder it shares with the cache
        Path state = Files.createDirectories(work.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + state.resolve("ledger"), "harvester", "")) {
            db.createStatement().execute("SELECT 1");
        }
        Files.setPosixFilePermissions(state.resolve("ledger.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Path cache = Files.createDirectories(state.resolve("jvm"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));

        Ledger ledger = open();
        assertEquals("rw-------", permissions(state.resolve("ledger.mv.db")));
        // H2 makes its trace file (an error to report) with the umask's permissions
        try (Connection db = Ledger.dataSourceOf(ledger).getConnection(); Statement sql = db.createStatement()) {
            assertThrows(SQLException.class, () -> sql.execute("SELECT * FROM no_such_table"));
        }
        ledger.close();

        assertTrue(Files.exists(state.resolve("ledger.trace.db")), "H2's trace file");
        assertEquals("rw-------", permissions(state.resolve("ledger.trace.db")));
        assertEquals("rw-------", permissions(state.resolve("ledger.mv.db")));
        assertEquals("rwxr-xr-x", permissions(cache), "not the ledger's");
    }

    @Test
    void makes_its_folders_0700_and_its_file_0600_before_the_database_opens_it() throws Exception {
        Ledger ledger = ledger("state/deeper/ledger");
        ledger.open();
        ledger.close();

        assertEquals("rwx------", permissions(work.resolve("state")));
        assertEquals("rwx------", permissions(work.resolve("state/deeper")));
        assertEquals("rw-------", permissions(work.resolve("state/deeper/ledger.mv.db")));
        assertTrue(Files.size(work.resolve("state/deeper/ledger.mv.db")) > 0, "H2 took the file made for it");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void after_a_clean_stop_knows_every_saved_link_and_looks_for_no_unrecorded_file_but_after_a_crash_it_does()
            throws Exception {
        ImageFileNamer namer = new ImageFileNamer();
        Ledger first = open();
        try {
            for (int i = 0; i < 500; i++) {
                String url = "http://x/" + i + ".png";
                Path file = Files.write(work.resolve(namer.name(url, "png")), new byte[] {(byte) i, 1});
                first.record(url, file.toString(), "fingerprint-" + i, "\"e" + i + "\"", null);
            }
        } finally {
            first.close();
        }
        // as if a runner had saved it and been killed before recording it; but this ledger was closed cleanly after
        String stray = "http://x/stray.png";
        Files.write(work.resolve(namer.name(stray, "png")), new byte[] {7});

        Ledger clean = openIndexed();
        try {
            for (int i = 0; i < 500; i++) {
                Known known = clean.lookup("http://x/" + i + ".png");
                assertEquals("\"e" + i + "\"", known == null ? null : known.etag(), "link " + i);
            }
            assertNull(clean.lookup(stray), "no crash can have left it: a new link, fetched");
            assertNull(clean.lookup("http://x/never.png"));
            // bytes the ledger holds are still found as such, through the filter
            Path copy = Files.write(work.resolve("copy.png"), new byte[] {3, 1});
            assertEquals("http://x/3.png", clean.record("http://x/copy.png", copy.toString(), "fingerprint-3", null,
                    null));
        } finally {
            clean.close();
        }

        Files.writeString(work.resolve("state/ledger.clean"), "12"); // not the count it left: not a clean stop
        Ledger afterCrash = openIndexed();
        try {
            assertTrue(afterCrash.lookup(stray) != null, "after a crash, a file of the link's name is adopted");
        } finally {
            afterCrash.close();
        }
    }

    @Test
    void keeps_image_hashes_across_a_restart_and_finds_another_links_near_image_never_its_own_earlier_body()
            throws Exception {
        long hash = 0x5a5a_f0f0_1234_9876L;
        Path a = Files.write(work.resolve("a.jpg"), new byte[] {1});
        Path b = Files.write(work.resolve("b.jpg"), new byte[] {2});
        Ledger ledger = open();
        try {
            ledger.record("http://x/a.jpg", a.toString(), "fa", "\"v1\"", null);
            assertNull(resemble(ledger, "http://x/a.jpg", a.toString(), hash, 6));
            // the same link's new body: its earlier hash is its own, not another image's
            assertNull(resemble(ledger, "http://x/a.jpg", a.toString(), hash ^ 1, 6));
        } finally {
            ledger.close();
        }
        Ledger reopened = open();
        try {
            ledger = reopened;
            // (a's hash is now its new body's, hash ^ 1: 3 bits from this one)
            // (its size not known: a.jpg is no image)
            assertEquals(new KeptImages.Earlier(new KeptImages.Image("http://x/a.jpg", a.toString(), hash ^ 1, 0, 0, 1),
                    3, false), resemble(reopened, "http://x/b.jpg", b.toString(), hash ^ 0b110, 6),
                    "read back from the ledger");
            assertNull(resemble(reopened, "http://x/c.jpg", b.toString() + "c", ~hash, 6), "64 bits apart");
            assertNull(resemble(reopened, "http://x/d.jpg", b.toString() + "d", hash ^ 1 ^ 0x7f00, 6), "7 bits apart");
            Files.delete(a);
            assertEquals("http://x/b.jpg", resemble(reopened, "http://x/e.jpg", b + "e", hash, 6).url(),
                    "an image whose file is gone resembles nothing: the next nearest does");
        } finally {
            ledger.close();
        }
    }

    @Test
    void remembers_a_link_whose_file_was_removed_with_its_validators_and_the_reason() throws Exception {
        Path bad = Files.write(work.resolve("bad.png"), new byte[] {(byte) 0x89, 'P'});
        Ledger ledger = open();
        try {
            ledger.record("http://x/bad.png", bad.toString(), "fb", "\"v1\"", "Tue, 01 Dec 2026 10:00:00 GMT");
            ledger.notKept("http://x/bad.png", "does not decode: IIOException: junk");
            Files.delete(bad);
            ledger.flush();

            Known known = ledger.lookup("http://x/bad.png");

            assertEquals(new Known(bad.toString(), "\"v1\"", "Tue, 01 Dec 2026 10:00:00 GMT",
                    "does not decode: IIOException: junk"), known);
            assertTrue(ledger.knows("http://x/bad.png"), "known: a source's stopAfterKnown counts it");
            // a new body of it is saved and judged again
            Path again = Files.write(work.resolve("bad.png"), new byte[] {7});
            ledger.record("http://x/bad.png", again.toString(), "fc", "\"v2\"", null);
            ledger.flush();
            assertNull(ledger.lookup("http://x/bad.png").dropped());
        } finally {
            ledger.close();
        }
    }

    @Test
    void forgets_a_dropped_near_duplicate_so_no_later_look_compares_with_it_or_asks_the_database() throws Exception {
        Path photo = Files.write(work.resolve("photo.png"), new byte[] {1});
        Path near = Files.write(work.resolve("near.png"), new byte[] {2});
        long hash = 0x0f0f_0f0f_0f0f_0f0fL;
        Ledger ledger = open();
        try {
            ledger.record("http://x/photo.png", photo.toString(), "f1", null, null);
            ledger.record("http://x/near.png", near.toString(), "f2", null, null);
            assertNull(resemble(ledger, "http://x/photo.png", photo.toString(), hash, 4));
            KeptImages.Earlier earlier = resemble(ledger, "http://x/near.png", near.toString(), hash ^ 1, 4);
            assertEquals("http://x/photo.png", earlier.url());
            assertEquals(2, ledger.nearCount());

            ledger.notKept("http://x/near.png", "a near-duplicate of photo.png");

            assertEquals(1, ledger.nearCount(), "the dropped image's hash is gone");
        } finally {
            ledger.close();
        }
        Ledger again = open();
        try {
            // (a look waits for the hashes read at start-up, then adds its own)
            assertNull(resemble(again, "http://x/far.png", near.toString(), ~hash, 4));
            assertEquals(2, again.nearCount(), "the dropped one stays gone after a restart");
        } finally {
            again.close();
        }
    }

    @Test
    void keeps_the_larger_of_two_near_images_whichever_came_first_and_holds_the_kept_ones_hash_and_size()
            throws Exception {
        long hash = 0x3c3c_a5a5_0ff0_9966L;
        Path small = Files.write(work.resolve("small.jpg"), new byte[300]);
        Path large = Files.write(work.resolve("large.jpg"), new byte[900]);
        Path medium = Files.write(work.resolve("medium.jpg"), new byte[600]);
        Ledger ledger = open();
        try {
            ledger.record("http://x/small.jpg", small.toString(), "f1", "\"s\"", null);
            ledger.record("http://x/large.jpg", large.toString(), "f2", "\"l\"", null);
            ledger.record("http://x/medium.jpg", medium.toString(), "f3", "\"m\"", null);
            assertNull(ledger.resemble(image("small", small, hash, 400, 300), 6, true));

            // the full-size copy comes second: the small one goes, its hash out of the index, the large one's in
            KeptImages.Earlier replaced = ledger.resemble(image("large", large, hash ^ 1, 1600, 1200), 6, true);

            assertEquals(new KeptImages.Earlier(image("small", small, hash, 400, 300), 1, true), replaced);
            assertEquals(1, ledger.nearCount(), "the large one's hash only");
            ledger.notKept("http://x/small.jpg", "a near-duplicate of large.jpg");
            // a smaller one after it: it goes, and never enters the index
            KeptImages.Earlier kept = ledger.resemble(image("medium", medium, hash ^ 2, 800, 600), 6, true);
            assertEquals(new KeptImages.Earlier(image("large", large, hash ^ 1, 1600, 1200), 2, false), kept);
            assertEquals(1, ledger.nearCount());
            ledger.notKept("http://x/medium.jpg", "a near-duplicate of large.jpg");
            ledger.flush();
            assertEquals("a near-duplicate of large.jpg", ledger.lookup("http://x/small.jpg").dropped());
            assertEquals("\"s\"", ledger.lookup("http://x/small.jpg").etag(), "asked for only if it changed");
        } finally {
            ledger.close();
        }
        Ledger again = open();
        try {
            // as many pixels and fewer bytes than the large one (read back with its size): the large one stays
            Path same = Files.write(work.resolve("same.jpg"), new byte[500]);
            KeptImages.Earlier kept = again.resemble(image("same", same, hash, 1600, 1200), 6, true);
            assertEquals(new KeptImages.Earlier(image("large", large, hash ^ 1, 1600, 1200), 1, false), kept);
            assertEquals(1, again.nearCount(), "the large one's hash only, after a restart too");
        } finally {
            again.close();
        }
    }

    @Test
    void of_near_images_judged_side_by_side_exactly_the_largest_stays() throws Exception {
        long hash = 0x1234_5678_9abc_def0L;
        int images = 12;
        Ledger ledger = open();
        ExecutorService threads = Executors.newFixedThreadPool(images);
        try {
            List<Callable<KeptImages.Earlier>> looks = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                Path file = Files.write(work.resolve(i + ".jpg"), new byte[100 + i]);
                ledger.record("http://x/" + i + ".jpg", file.toString(), "f" + i, null, null);
                // every one 2 bits from every other; the sizes in a shuffled order, the largest not the last
                KeptImages.Image image = image(String.valueOf(i), file, hash ^ (1L << i), 100 + (i * 7) % images, 100);
                looks.add(() -> ledger.resemble(image, 6, true));
            }
            // each look that finds a near one names the one of the two that goes: the earlier, or itself
            Set<String> gone = new HashSet<>();
            List<Future<KeptImages.Earlier>> done = threads.invokeAll(looks);
            for (int i = 0; i < images; i++) {
                KeptImages.Earlier earlier = done.get(i).get();
                if (earlier == null) continue;
                String loser = earlier.replaced() ? earlier.url() : "http://x/" + i + ".jpg";
                assertTrue(gone.add(loser), "chosen to go twice: " + loser);
            }
            assertEquals(images - 1, gone.size(), "all but one go: " + gone);
            assertEquals(1, ledger.nearCount(), "exactly one image's hash stays");
            // the one left in the index: the widest, 111 pixels (i = 5: 5 * 7 % 12 = 11)
            Path probe = Files.write(work.resolve("probe.jpg"), new byte[1]);
            KeptImages.Earlier left = ledger.resemble(image("probe", probe, hash, 1, 1), 6, true);
            assertEquals("http://x/5.jpg", left.url());
        } finally {
            threads.shutdownNow();
            ledger.close();
        }
    }

    @Test
    void reads_the_size_of_an_image_a_ledger_of_an_earlier_version_holds_from_its_header() throws Exception {
        Path photo = work.resolve("photo.png");
        ImageIO.write(new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        long hash = 0x7777_0000_ffff_1111L;
        String url = "jdbc:h2:file:" + work.resolve("state/ledger").toAbsolutePath();
        try (Connection db = DriverManager.getConnection(url, "harvester", ""); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE saved (url VARCHAR PRIMARY KEY, file VARCHAR NOT NULL, etag VARCHAR,"
                    + " last_modified VARCHAR, saved_at TIMESTAMP NOT NULL, fingerprint VARCHAR, dhash BIGINT,"
                    + " dropped VARCHAR, copy_of VARCHAR)");
            sql.execute("CREATE TABLE content (fingerprint VARCHAR PRIMARY KEY, url VARCHAR NOT NULL,"
                    + " file VARCHAR NOT NULL)");
            sql.execute("INSERT INTO saved (url, file, saved_at, fingerprint, dhash) VALUES ('http://x/photo.png', '"
                    + photo + "', CURRENT_TIMESTAMP, 'f1', " + hash + ")");
        }
        Path smaller = Files.write(work.resolve("smaller.png"), new byte[10]);
        Path larger = Files.write(work.resolve("larger.png"), new byte[10]);

        Ledger ledger = open();
        try {
            KeptImages.Earlier kept = ledger.resemble(image("smaller", smaller, hash ^ 1, 80, 60), 6, true);
            assertEquals(160 * 120, kept.image().pixels(), "read from its header: " + kept);
            assertFalse(kept.replaced());
            assertTrue(ledger.resemble(image("larger", larger, hash ^ 2, 320, 240), 6, true).replaced());
        } finally {
            ledger.close();
        }
    }

    /**
     * The same on PostgreSQL (HARVEST_TEST_POSTGRES names a database and a user harvester/harvester that may create
     * databases, as ScaleOutIT's): a ledger of the version before sizes gets the columns, an image it holds has its
     * header read, a larger one replaces it, and another node reads which one stays.
     */
    @Test
    void on_postgresql_adds_the_size_columns_to_an_earlier_ledger_and_keeps_the_larger_image() throws Exception {
        String base = System.getenv("HARVEST_TEST_POSTGRES");
        Assumptions.assumeTrue(base != null, "HARVEST_TEST_POSTGRES is not set (no PostgreSQL here)");
        String name = "ledger_" + System.nanoTime();
        try (Connection db = DriverManager.getConnection(base, "harvester", "harvester");
                Statement sql = db.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        }
        String url = base.substring(0, base.lastIndexOf('/') + 1) + name;
        Path photo = work.resolve("photo.png");
        ImageIO.write(new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        long hash = 0x0123_4567_89ab_cdefL;
        try (Connection db = DriverManager.getConnection(url, "harvester", "harvester");
                Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE saved (url VARCHAR PRIMARY KEY, file VARCHAR NOT NULL, etag VARCHAR,"
                    + " last_modified VARCHAR, saved_at TIMESTAMP NOT NULL, fingerprint VARCHAR, dhash BIGINT,"
                    + " dropped VARCHAR, copy_of VARCHAR)");
            sql.execute("INSERT INTO saved (url, file, etag, saved_at, fingerprint, dhash) VALUES"
                    + " ('http://x/photo.jpg', '" + photo + "', '\"p\"', CURRENT_TIMESTAMP, 'f1', " + hash + ")");
        }
        Path smaller = Files.write(work.resolve("smaller.jpg"), new byte[10]);
        Path larger = Files.write(work.resolve("larger.jpg"), new byte[10]);
        Ledger one = ledger("unused");
        one.setUrl(url);
        one.setUser("harvester");
        one.setPassword("harvester");
        one.setCreateSchema(true);
        one.open();
        Ledger two = null;
        try {
            one.record("http://x/smaller.jpg", smaller.toString(), "f2", null, null);
            one.record("http://x/larger.jpg", larger.toString(), "f3", null, null);
            KeptImages.Earlier kept = one.resemble(image("smaller", smaller, hash ^ 1, 80, 60), 6, true);
            assertEquals(160 * 120, kept.image().pixels(), "read from its header: " + kept);
            one.notKept("http://x/smaller.jpg", "a near-duplicate of photo.png");

            KeptImages.Earlier replaced = one.resemble(image("larger", larger, hash ^ 2, 320, 240), 6, true);

            assertTrue(replaced.replaced(), replaced.toString());
            one.notKept("http://x/photo.jpg", "a near-duplicate of larger.jpg");
            two = ledger("unused");
            two.setUrl(url);
            two.setUser("harvester");
            two.setPassword("harvester");
            two.open();
            assertEquals("a near-duplicate of larger.jpg", two.lookup("http://x/photo.jpg").dropped());
            Path probe = Files.write(work.resolve("probe.jpg"), new byte[1]);
            two.record("http://x/probe.jpg", probe.toString(), "f4", null, null);
            KeptImages.Earlier left = two.resemble(image("probe", probe, hash, 1, 1), 6, true);
            assertEquals(new KeptImages.Earlier(image("larger", larger, hash ^ 2, 320, 240), 1, false), left,
                    "the larger one, its size read back");
        } finally {
            one.close();
            if (two != null) two.close();
        }
    }

    // an image of http://x/<name>.jpg (its file's size read now)
    private static KeptImages.Image image(String name, Path file, long hash, int width, int height)
            throws IOException {
        return new KeptImages.Image("http://x/" + name + ".jpg", file.toString(), hash, width, height,
                Files.size(file));
    }

    @Test
    void a_shared_ledgers_node_forgets_the_near_duplicate_another_node_dropped() throws Exception {
        String url = "jdbc:h2:file:" + work.resolve("shared").toAbsolutePath();
        Ledger one = shared(url);
        Ledger two = shared(url);
        try {
            long hash = 0x00ff_00ff_00ff_00ffL;
            Path photo = Files.write(work.resolve("photo.png"), new byte[] {1});
            Path near = Files.write(work.resolve("near.png"), new byte[] {2});
            Path other = Files.write(work.resolve("other.png"), new byte[] {3});
            Path third = Files.write(work.resolve("third.png"), new byte[] {4});
            one.record("http://x/photo.png", photo.toString(), "f1", null, null);
            two.record("http://x/near.png", near.toString(), "f2", null, null);
            one.record("http://x/other.png", other.toString(), "f3", null, null);
            one.record("http://x/third.png", third.toString(), "f4", null, null);
            resemble(one, "http://x/photo.png", photo.toString(), hash, 4);
            assertEquals("http://x/photo.png", resemble(two, "http://x/near.png", near.toString(), hash ^ 1, 4).url());
            // the first node reads the photo's and the near one's hashes
            assertNull(resemble(one, "http://x/other.png", other.toString(), ~hash, 4));
            assertEquals(2, one.nearCount());
            two.notKept("http://x/near.png", "a near-duplicate of photo.png");

            resemble(one, "http://x/third.png", third.toString(), hash ^ 0xffff_0000L, 4);

            assertEquals(2, one.nearCount(), "the photo and the other: the dropped one is forgotten");
        } finally {
            one.close();
            two.close();
        }
    }

    // a node of a shared ledger (H2 in a file, one database for both in this JVM)
    private Ledger shared(String url) throws Exception {
        Ledger ledger = ledger("unused");
        ledger.setUrl(url);
        ledger.setCreateSchema(true);
        ledger.open();
        return ledger;
    }

    @Test
    void a_node_that_may_not_alter_the_schema_refuses_a_shared_ledger_without_the_hash_columns() throws Exception {
        String url = "jdbc:h2:file:" + work.resolve("shared").toAbsolutePath();
        try (HikariDataSource pool = SharedDatabase.pool(url, "harvester", "", 2)) {
            try (Connection db = pool.getConnection(); Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE saved (url VARCHAR PRIMARY KEY, file VARCHAR NOT NULL, etag VARCHAR,"
                        + " last_modified VARCHAR, saved_at TIMESTAMP NOT NULL, fingerprint VARCHAR)");
            }
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LedgerTables.check(pool));
            assertTrue(refused.getMessage().contains("ledger of an earlier version")
                    && refused.getMessage().contains("--create-schema"), refused.getMessage());

            LedgerTables.create(pool, true, false); // the owner's --create-schema

            LedgerTables.check(pool);
        }
    }

    @Test
    void finds_the_near_hashes_among_100000_in_well_under_a_millisecond() {
        NearIndex index = new NearIndex();
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) index.add(random.nextLong());
        long planted = random.nextLong();
        index.add(planted ^ 0b10101);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int rounds = 2000;
        int found = 0;
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) found += index.within(planted, 6).length;
        double micros = (cpu.getCurrentThreadCpuTime() - start) / 1000.0 / rounds;
        System.out.printf("near lookup among 100,000 hashes: %.0f us of CPU%n", micros);

        assertEquals(rounds, found, "the planted one, 3 bits away, and no random one (6 bits: 1 in 10^11)");
        assertEquals(planted ^ 0b10101, index.within(planted, 6)[0]);
        assertEquals(0, index.within(planted, 2).length);
    }

    // a look as dedup.near=report makes it: both stay
    private static KeptImages.Earlier resemble(Ledger ledger, String url, String file, long hash, int distance)
            throws Exception {
        return ledger.resemble(new KeptImages.Image(url, file, hash, 0, 0, 0), distance, false);
    }

    private Ledger openIndexed() throws Exception {
        Ledger ledger = open();
        for (int i = 0; i < 500 && !ledger.indexed(); i++) Thread.sleep(10);
        assertTrue(ledger.indexed(), "the ledger's links were read ahead");
        return ledger;
    }

    private Ledger open() throws Exception {
        Ledger ledger = ledger("state/ledger");
        ledger.open();
        return ledger;
    }

    // a local ledger file in the test's folder, with the shipped ledger.user, ledger.password and ledger.poolSize
    private Ledger ledger(String file) {
        Ledger ledger = new Ledger();
        ledger.setFile(work.resolve(file).toString());
        ledger.setDownloadDir(work.toString());
        ledger.setUser("harvester");
        ledger.setPassword("");
        ledger.setPoolSize(10);
        return ledger;
    }
}
