package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.scaleout.EmbeddedBroker;

/**
 * Scale out with real parts: a real Artemis broker (in this JVM, over TCP), an H2 database in server mode that all
 * nodes share, a local image server, and a scheduler and two workers, each a runner process of its own started from
 * the built jar (an integration test: it runs after package) with the project's routes and settings. As the docs set
 * it up: the owner's login makes the database and its schema (--create-schema), and the nodes log in with one that may
 * only read and write the tables.
 */
class ScaleOutIT {

    private static final Map<String, String> BROKER_LOGIN = Map.of("BROKER_USER", "harvester",
            "BROKER_PASSWORD", "scale-out-test-password");
    // the H2 database's owner (an admin), and the nodes' login (PostgreSQL's too: .ci/run makes that role)
    private static final String OWNER = "harvester";
    private static final String OWNER_PASSWORD = "owner-password";
    private static final String NODE = "harvest_node";
    private static final String NODE_PASSWORD = "harvest_node";
    // what the nodes' login may not do on H2: make a table, a Java function, read a file, write the database out
    private static final List<String> H2_ADMIN_ONLY = List.of("CREATE TABLE probe (x INT)",
            "CREATE ALIAS probe FOR 'java.lang.System.getProperty'", "SELECT FILE_READ('application.properties')",
            "SCRIPT TO 'dump.sql'");

    @TempDir
    Path work;

    private TestServer images;
    private EmbeddedBroker broker;
    private Server database;
    private int brokerPort;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        images = new TestServer();
        brokerPort = freePort();
        broker = startBroker();
        // as the docs' recipe: the database made on its machine by its owner, then served (no remote client makes one)
        makeH2Database("ledger");
        database = Server.createTcpServer("-tcpPort", "0", "-baseDir", work.resolve("db").toString()).start();
        createSchema(h2Url("ledger"), OWNER, OWNER_PASSWORD);
        assertNodeMayOnlyReadAndWrite(h2Url("ledger"), H2_ADMIN_ONLY);
    }

    @AfterEach
    void stop() throws Exception {
        for (Process process : processes) process.destroyForcibly();
        for (Process process : processes) process.waitFor(30, TimeUnit.SECONDS);
        broker.stop();
        database.stop();
        images.close();
    }

    @Test
    void two_workers_save_every_image_exactly_once_and_the_scheduler_reports_the_run() throws Exception {
        Map<String, byte[]> served = Runners.serveImages(images, 40, 200);
        Process first = worker("worker-1.log");
        Process second = worker("worker-2.log");
        await(() -> broker.consumers("harvest.jobs") == 6, "both workers' 3 consumers on the job queue", first);
        Process scheduler = scheduler();

        assertAllFortySavedWhole(scheduler, served, () -> log("scheduler.log"));
        for (int i = 0; i < 40; i++) assertEquals(1, images.hits("/p/" + i + ".png"), "image " + i + " fetched once");
        assertEquals(6, images.peakInFlight(), "two workers of 3 consumers each, all busy at once");
        // both took jobs: each says what it did
        await(() -> log("worker-1.log").contains("Jobs done here: ")
                && log("worker-2.log").contains("Jobs done here: "),
                "both workers' lines", first);
        assertTrue(second.isAlive() && first.isAlive(), "workers stay up for the next run");
        try (Stream<Path> reports = Files.list(work.resolve("reports"))) {
            assertEquals(1, reports.filter(f -> f.toString().endsWith(".json")).count(), "one report, the scheduler's");
        }
    }

    @Test
    void several_sources_go_through_the_workers_into_their_folders_and_are_counted_by_source() throws Exception {
        Map<String, byte[]> served = Runners.serveImages(images, 7, 0);
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 6; i++) first.append(images.url("/p/" + i + ".png")).append('\n');
        images.serve("/one.txt", "text/plain", first.toString()).serve("/two.txt", "text/plain",
                images.url("/p/6.png"));
        worker("worker-1.log");
        Process scheduler = runner("scheduler.log", options("-Dharvest.role=scheduler", "-Dharvest.sources=one,two",
                "-Dsource.one.url=" + images.url("/one.txt"), "-Dsource.one.folder=true",
                "-Dsource.two.url=" + images.url("/two.txt")), "--once");

        assertEquals(0, exitCode(scheduler), log("scheduler.log") + "\n--- worker:\n" + log("worker-1.log"));
        assertTrue(log("scheduler.log")
                .contains("Harvest finished: 7 listed, 7 saved, 0 skipped, 0 failed, 7 thumbnails"
                + ", "), log("scheduler.log") + "\n--- worker:\n" + log("worker-1.log"));
        assertTrue(log("scheduler.log")
                .contains("| one: 6 listed, 6 saved, 0 skipped, 0 failed | two: 1 listed, 1 saved"),
                log("scheduler.log") + "\n--- worker:\n" + log("worker-1.log"));
        Map<String, byte[]> inFolder = Runners.savedImages(work.resolve("images/one"));
        Map<String, byte[]> inRoot = Runners.savedImages(work.resolve("images"));
        assertEquals(6, inFolder.size(), inFolder.keySet().toString());
        assertEquals(1, inRoot.size(), inRoot.keySet().toString());
        assertEquals(served.keySet(), new TreeSet<>(Stream.concat(inFolder.keySet().stream(),
                inRoot.keySet().stream()).toList()));
    }

    @Test
    void a_single_machine_trial_runs_on_the_broker_embedded_in_a_worker_with_the_login_from_the_environment()
            throws Exception {
        Map<String, byte[]> served = Runners.serveImages(images, 10, 0);
        int port = freePort();
        String url = "-Dbroker.url=tcp://127.0.0.1:" + port
                + "?consumerWindowSize=0&reconnectAttempts=-1&retryInterval=200";
        Process worker = runner("worker-1.log", options("-Dharvest.role=worker", "-Dworker.concurrency=3",
                "-Dbroker.embedded=tcp://127.0.0.1:" + port, "-Dbroker.embeddedDir=" + work.resolve("trial-broker"),
                url));
        await(() -> log("worker-1.log").contains("Embedded Artemis broker listening on tcp://127.0.0.1:" + port),
                "the worker's broker", worker);
        Process scheduler = runner("scheduler.log", options("-Dharvest.role=scheduler", url), "--once");

        assertEquals(0, exitCode(scheduler), log("scheduler.log") + "\n--- worker:\n" + log("worker-1.log"));
        assertTrue(log("scheduler.log")
                .contains("Harvest finished: 10 listed, 10 saved, 0 skipped, 0 failed, 10 thumbnails"),
                log("scheduler.log"));
        assertEquals(served.keySet(), Runners.savedImages(work.resolve("images")).keySet());
        String logs = log("worker-1.log") + log("scheduler.log");
        assertFalse(logs.contains(BROKER_LOGIN.get("BROKER_PASSWORD")), "no log line shows the password");
        assertFalse(logs.contains("AMQ229031"), "no refused login: " + logs);
    }

    @Test
    void a_worker_killed_mid_harvest_leaves_its_jobs_to_the_other_and_each_image_arrives_once() throws Exception {
        Map<String, byte[]> served = Runners.serveImages(images, 40, 300);
        Process doomed = worker("worker-1.log");
        worker("worker-2.log");
        await(() -> broker.consumers("harvest.jobs") == 6, "both workers' 3 consumers on the job queue", doomed);
        Process scheduler = scheduler();
        await(() -> Runners.savedImages(work.resolve("images")).size() >= 8, "8 images saved", scheduler);

        doomed.destroyForcibly(); // SIGKILL mid-download: its unacknowledged jobs go back to the queue
        doomed.waitFor(30, TimeUnit.SECONDS);

        assertAllFortySavedWhole(scheduler, served, () -> problems() + "\n" + log("worker-2.log"));
        int fetches = 0;
        for (int i = 0; i < 40; i++) fetches += images.hits("/p/" + i + ".png");
        // its jobs come back whole, their links done skipped one by one: only the link each of its 3 consumers had in
        // hand is fetched again
        assertTrue(fetches >= 40 && fetches <= 43, "only the 3 in flight at the kill fetched again: " + fetches);
        try (Stream<Path> files = Files.list(work.resolve("images"))) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".part")).toList(), "no partial file");
        }
    }

    @Test
    void a_worker_killed_mid_job_leaves_its_jobs_whole_to_the_other_which_skips_each_link_it_had_done()
            throws Exception {
        Map<String, byte[]> served = Runners.serveImages(images, 40, 100);
        // the doomed worker's first 7 image requests are answered, the rest held: each of its 3 consumers stops mid-job
        // with the links before done (7 links of jobs of 5: at most one of its jobs finished, the others not)
        images.holdImagesAfter(7, "doomed-worker");
        Process doomed = runner("worker-1.log", options("-Dharvest.role=worker", "-Dworker.concurrency=3",
                "-Ddownload.userAgent=doomed-worker", "-Ddownload.responseTimeout=120000",
                "-Ddownload.socketTimeout=120000"));
        await(() -> broker.consumers("harvest.jobs") == 3, "the doomed worker's 3 consumers on the job queue", doomed);
        Process scheduler = scheduler();
        await(() -> images.held() == 3, "the doomed worker's 3 consumers held mid-job", scheduler);
        Set<String> doneBeforeKill = images.bodiesSentTo("doomed-worker");
        assertEquals(7, doneBeforeKill.size(), doneBeforeKill.toString());
        worker("worker-2.log");
        await(() -> broker.consumers("harvest.jobs") == 6, "the other worker's 3 consumers too", scheduler);

        doomed.destroyForcibly(); // SIGKILL mid-job: its unacknowledged jobs go back to the queue, whole
        doomed.waitFor(30, TimeUnit.SECONDS);
        images.release();

        assertAllFortySavedWhole(scheduler, served, () -> problems() + "\n" + log("worker-2.log"));
        assertEquals(List.of(), partFiles(), "no partial file");
        // a link done before the kill is not fetched again; the 3 held at the kill are, every other link once
        for (String path : doneBeforeKill) assertEquals(1, images.hits(path), path + " was done before the kill");
        int fetches = 0;
        for (int i = 0; i < 40; i++) fetches += images.hits("/p/" + i + ".png");
        assertEquals(43, fetches, "each link once, and again only the 3 in hand at the kill");
        // the jobs came back whole: the other worker answered each link done in them from the ledger, no other
        List<String> fromLedger = log("worker-2.log").lines()
                .filter(line -> line.contains("from the ledger: done before its job came back")).toList();
        assertTrue(fromLedger.size() >= 2 && fromLedger.size() <= 7, String.join("\n", fromLedger));
        for (String line : fromLedger) {
            assertTrue(doneBeforeKill.stream().anyMatch(path -> line.contains(images.url(path) + " from the ledger")),
                    line);
        }
    }

    @Test
    void a_broker_restart_while_every_consumer_is_mid_job_saves_each_image_once_and_leaves_no_part()
            throws Exception {
        Map<String, byte[]> served = Runners.serveImages(images, 40, 100);
        // the first 9 image requests are answered, the rest held: each of the 6 consumers stops mid-job
        images.holdImagesAfter(9, null);
        Process first = worker("worker-1.log");
        worker("worker-2.log");
        await(() -> broker.consumers("harvest.jobs") == 6, "both workers' 3 consumers on the job queue", first);
        Process scheduler = scheduler();
        await(() -> images.held() == 6, "every consumer held mid-job", scheduler);

        broker.stop(); // the jobs in hand lose their transactions; the journal keeps them, and the answers not taken
        Thread.sleep(3000);
        broker = startBroker();
        images.release();

        assertAllFortySavedWhole(scheduler, served, () -> problems() + "\n" + log("scheduler.log"));
        assertEquals(40, thumbnailCount(), "each image's thumbnail, once");
        assertEquals(List.of(), partFiles(), "no partial file");
        // the jobs in hand came back whole after the restart, their links done answered from the ledger
        String workers = log("worker-1.log") + log("worker-2.log");
        assertTrue(workers.contains("from the ledger: done before its job came back"), workers);
    }

    @Test
    void a_harvest_completes_when_the_broker_stops_for_a_few_seconds_in_the_middle() throws Exception {
        Map<String, byte[]> served = Runners.serveImages(images, 40, 300);
        Process first = worker("worker-1.log");
        worker("worker-2.log");
        await(() -> broker.consumers("harvest.jobs") == 6, "both workers' 3 consumers on the job queue", first);
        Process scheduler = scheduler();
        await(() -> Runners.savedImages(work.resolve("images")).size() >= 8, "8 images saved", scheduler);

        broker.stop(); // its journal keeps the jobs and answers not yet taken
        Thread.sleep(3000);
        broker = startBroker();

        assertEquals(0, exitCode(scheduler), log("scheduler.log"));
        String log = log("scheduler.log");
        assertTrue(log.contains("Harvest finished: 40 listed, 40 saved, 0 skipped, 0 failed, 40 thumbnails"),
                problems() + "\n" + log);
        assertEquals(served.keySet(), Runners.savedImages(work.resolve("images")).keySet());
        Runners.savedImages(work.resolve("images")).forEach((name, bytes) -> assertArrayEquals(served.get(name), bytes,
                name + " is whole"));
    }

    @Test
    void two_schedulers_fire_each_harvest_once_and_the_survivor_takes_over() throws Exception {
        Runners.serveImages(images, 3, 0);
        worker("worker-1.log");
        List<String> clustered = List.of("-Dharvest.role=scheduler", "-Dharvest.clustered=true",
                "-Dharvest.cron=*/2 * * * * ?");
        Process first = runner("scheduler-1.log", options(clustered));
        // (started one after the other, as two machines would be: two started within the same second as a firing can
        // both store the trigger, and that firing runs twice)
        await(() -> log("scheduler-1.log").contains("Job harvester.harvest"), "the first scheduler's trigger", first);
        Process second = runner("scheduler-2.log", options(clustered));
        await(() -> log("scheduler-2.log").contains("Job harvester.harvest"), "the second scheduler's trigger", second);
        int reportsBefore = reports().size();
        await(() -> reports().size() >= reportsBefore + 4, "4 scheduled harvests", first);

        // one report per firing: no second of the schedule has two runs, and the two logs together started each once
        List<String> before = reports();
        assertEquals(before.size(), before.stream().map(r -> r.substring(0, "harvest-20261122-095520".length()))
                .distinct().count(), "one run per firing: " + before);
        int startedFirst = started("scheduler-1.log");
        int startedSecond = started("scheduler-2.log");
        assertTrue(startedFirst + startedSecond >= before.size(), before + " vs " + startedFirst + "+" + startedSecond);

        // the one that fires goes away: the other fires the next harvests
        Process busy = startedFirst >= startedSecond ? first : second;
        String survivorLog = busy == first ? "scheduler-2.log" : "scheduler-1.log";
        int survivorBefore = started(survivorLog);
        busy.destroyForcibly();
        busy.waitFor(30, TimeUnit.SECONDS);
        await(() -> started(survivorLog) >= survivorBefore + 2, "the other scheduler firing",
                first.isAlive() ? first : second);
        List<String> after = reports();
        assertEquals(after.size(), after.stream().map(r -> r.substring(0, "harvest-20261122-095520".length()))
                .distinct().count(), "still one run per firing: " + after);
    }

    @Test
    void a_node_whose_login_may_not_make_tables_stops_in_one_line_saying_how_when_the_schema_is_missing()
            throws Exception {
        makeH2Database("empty");

        Process worker = runner("worker-1.log", options("-Dharvest.role=worker", "-Dledger.url=" + h2Url("empty")));

        assertTrue(worker.waitFor(60, TimeUnit.SECONDS), log("worker-1.log"));
        assertEquals(1, worker.exitValue(), log("worker-1.log"));
        List<String> refusal = log("worker-1.log").lines().filter(l -> l.contains("Harvester could not start"))
                .toList();
        assertEquals(1, refusal.size(), log("worker-1.log"));
        assertTrue(refusal.get(0).contains("Harvester could not start: the shared database has no table saved that"
                + " ledger.user may read"), refusal.get(0));
        assertTrue(refusal.get(0).contains("create the harvester's schema first, once, with the database owner's login"
                + " (java -Dledger.user=<owner> -jar image-harvester.jar --create-schema"), refusal.get(0));
        try (Connection db = DriverManager.getConnection(h2Url("empty"), OWNER, OWNER_PASSWORD);
                ResultSet tables = db.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            assertTrue(tables.next());
            assertEquals(0, tables.getInt(1), "the node made no table");
        }
    }

    /**
     * The same on PostgreSQL, the production database (Debian's postgresql, which .ci/run installs and starts;
     * HARVEST_TEST_POSTGRES names its database, a user harvester/harvester that may create databases, and
     * harvest_node/harvest_node, which may not): the ledger, the done jobs and the clustered cron in a fresh database
     * whose schema its owner made, two clustered schedulers and two workers logged in as harvest_node, which may only
     * read and write its tables.
     */
    @Test
    void on_postgresql_clustered_schedulers_and_two_workers_save_each_image_once() throws Exception {
        String base = System.getenv("HARVEST_TEST_POSTGRES");
        Assumptions.assumeTrue(base != null, "HARVEST_TEST_POSTGRES is not set (no PostgreSQL here)");
        String name = "harvest_" + System.nanoTime();
        try (Connection db = DriverManager.getConnection(base, "harvester", "harvester");
                Statement sql = db.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        }
        String url = base.substring(0, base.lastIndexOf('/') + 1) + name;
        createSchema(url, "harvester", "harvester");
        try (Connection db = DriverManager.getConnection(url, "harvester", "harvester");
                Statement sql = db.createStatement()) {
            sql.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            sql.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + NODE);
        }
        assertNodeMayOnlyReadAndWrite(url, List.of("CREATE TABLE probe (x INT)", "CREATE DATABASE probe",
                "CREATE ROLE probe", "ALTER TABLE saved ADD COLUMN probe INT", "DROP TABLE content"));
        Map<String, byte[]> served = Runners.serveImages(images, 20, 100);
        List<String> postgres = List.of("-Dledger.url=" + url);
        List<String> worker = new ArrayList<>(postgres);
        worker.addAll(List.of("-Dharvest.role=worker", "-Dworker.concurrency=3"));
        Process first = runner("worker-1.log", options(worker));
        runner("worker-2.log", options(worker));
        List<String> scheduler = new ArrayList<>(postgres);
        scheduler.addAll(List.of("-Dharvest.role=scheduler", "-Dharvest.clustered=true",
                "-Dharvest.cron=*/3 * * * * ?"));
        Process one = runner("scheduler-1.log", options(scheduler));
        await(() -> log("scheduler-1.log").contains("Job harvester.harvest"), "the first scheduler's trigger", one);
        Process two = runner("scheduler-2.log", options(scheduler));
        await(() -> log("scheduler-2.log").contains("Job harvester.harvest"), "the second scheduler's trigger", two);
        await(() -> reports().size() >= 3, "3 scheduled harvests", first);

        String logs = log("scheduler-1.log") + log("scheduler-2.log");
        assertTrue(logs.contains("Harvest finished: 20 listed, 20 saved, 0 skipped, 0 failed, 20 thumbnails"),
                logs + "\n--- workers:\n" + log("worker-1.log") + log("worker-2.log"));
        assertTrue(logs.contains("Harvest finished: 20 listed, 0 saved, 20 skipped, 0 failed, 0 thumbnails"),
                "the next runs ask the ledger, and the server answers 304: " + logs);
        List<String> runs = reports();
        assertEquals(runs.size(), runs.stream().map(r -> r.substring(0, "harvest-20261122-095520".length()))
                .distinct().count(), "one run per firing: " + runs);
        assertEquals(served.keySet(), Runners.savedImages(work.resolve("images")).keySet());
        // (counted as sent: a next harvest may be asking about them right now, its requests not yet answered)
        int whole = 0;
        for (int i = 0; i < 20; i++) whole += images.bodiesSent("/p/" + i + ".png");
        assertEquals(20, whole, "each image fetched whole once");
        assertTrue(images.notModified() >= 20, "and only asked about after: " + images.notModified() + " answered 304");
    }

    // the database's owner makes it on its machine (H2 makes its owner an admin), and adds the nodes' login, which is
    // not one: it may read and write the tables of schema PUBLIC, those made later too
    private void makeH2Database(String name) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:h2:" + work.resolve("db").resolve(name), OWNER,
                OWNER_PASSWORD); Statement sql = db.createStatement()) {
            sql.execute("CREATE USER " + NODE + " PASSWORD '" + NODE_PASSWORD + "'");
            sql.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO " + NODE);
        }
    }

    private String h2Url(String name) {
        return "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/" + name;
    }

    // the owner's one-off step, as the docs give it: the runner with the owner's login (its password in the
    // environment) and --create-schema
    private void createSchema(String url, String user, String password) throws Exception {
        Process step = track(Runners.start(work, "schema.log", Map.of("LEDGER_PASSWORD", password),
                List.of("-Dledger.url=" + url, "-Dledger.user=" + user), Path.of("").toAbsolutePath(),
                "--create-schema"));
        assertTrue(step.waitFor(60, TimeUnit.SECONDS), log("schema.log"));
        assertEquals(0, step.exitValue(), log("schema.log"));
        assertTrue(log("schema.log").contains("Schema ready in the database of ledger.url, its tables owned by "
                + user), log("schema.log"));
    }

    // the login the nodes run with reads the tables, and is refused each of these
    private static void assertNodeMayOnlyReadAndWrite(String url, List<String> refused) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, NODE, NODE_PASSWORD);
                Statement sql = db.createStatement()) {
            for (String statement : refused) assertThrows(SQLException.class, () -> sql.execute(statement), statement);
            sql.executeQuery("SELECT COUNT(*) FROM saved").close();
            sql.executeQuery("SELECT COUNT(*) FROM qrtz_locks").close();
        }
    }

    private List<String> reports() {
        try (Stream<Path> files = Files.list(work.resolve("reports"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private int started(String logName) {
        return (int) log(logName).lines().filter(line -> line.contains("Harvest started")).count();
    }

    private EmbeddedBroker startBroker() {
        EmbeddedBroker started = new EmbeddedBroker();
        started.setAcceptor("tcp://127.0.0.1:" + brokerPort);
        started.setDir(work.resolve("broker").toString());
        started.setUser(BROKER_LOGIN.get("BROKER_USER"));
        started.setPassword(BROKER_LOGIN.get("BROKER_PASSWORD"));
        started.setMaxDeliveries(5);
        started.setDeadLetters("harvest.dead");
        started.start();
        return started;
    }

    private List<String> options(String... more) {
        return options(List.of(more));
    }

    private List<String> options(List<String> more) {
        List<String> options = new ArrayList<>(List.of(
                "-Dbroker.url=tcp://127.0.0.1:" + brokerPort
                        + "?consumerWindowSize=0&reconnectAttempts=-1&retryInterval=200&maxRetryInterval=1000",
                "-Dledger.url=" + h2Url("ledger"), "-Dledger.user=" + NODE, "-Dledger.password=" + NODE_PASSWORD,
                "-Dsource.url=" + images.url("/urls.txt"), "-Dsource.format=lines", "-Dsource.headers=",
                "-Ddownload.perHostConcurrency=64", "-Dreport.progressInterval=300",
                // jobs of 5 links: the 40 of most tests make 8 jobs, more than two workers' 6 consumers
                "-Dbroker.batchSize=5"));
        options.addAll(more);
        return options;
    }

    private Process worker(String log) throws IOException {
        return runner(log, options("-Dharvest.role=worker", "-Dworker.concurrency=3"));
    }

    private Process scheduler() throws IOException {
        return runner("scheduler.log", options("-Dharvest.role=scheduler"), "--once");
    }

    // a runner of the project's folder, its broker login in its environment as the README advises
    private Process runner(String log, List<String> options, String... args) throws IOException {
        return track(Runners.start(work, log, BROKER_LOGIN, options, Path.of("").toAbsolutePath(), args));
    }

    private Process track(Process process) {
        processes.add(process);
        return process;
    }

    // the scheduler's run ended well, each of the server's 40 images saved once, byte for byte, with its thumbnail
    private void assertAllFortySavedWhole(Process scheduler, Map<String, byte[]> served, Supplier<String> why)
            throws Exception {
        assertEquals(0, exitCode(scheduler), log("scheduler.log"));
        assertTrue(log("scheduler.log")
                .contains("Harvest finished: 40 listed, 40 saved, 0 skipped, 0 failed, 40 thumbnails"), why);
        assertEquals(served.keySet(), Runners.savedImages(work.resolve("images")).keySet());
        Runners.savedImages(work.resolve("images")).forEach((name, bytes) -> assertArrayEquals(served.get(name), bytes,
                name + " is whole"));
    }

    private int exitCode(Process process) throws Exception {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            throw new AssertionError("no exit within 120 s: thumbnails on disk: " + thumbnailCount() + "; " + problems()
                    + "\n---\n" + log("scheduler.log")
                    + "\n---\n" + log("worker-2.log"));
        }
        return process.exitValue();
    }

    private void await(BooleanSupplier condition, String what, Process process) {
        try {
            Awaitility.await(what).atMost(60, TimeUnit.SECONDS).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " (" + broker.consumers("harvest.jobs") + " consumers): "
                    + log("scheduler.log") + "\n--- worker 1:\n" + log("worker-1.log") + "\n--- worker 2:\n"
                    + log("worker-2.log"));
        }
    }

    // the temporary files a write leaves when it breaks off, of images and of thumbnails
    private List<Path> partFiles() throws IOException {
        List<Path> parts = new ArrayList<>();
        for (Path dir : List.of(work.resolve("images"), work.resolve("thumbnails"))) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.walk(dir)) {
                parts.addAll(files.filter(f -> f.getFileName().toString().endsWith(".part")).toList());
            }
        }
        return parts;
    }

    private long thumbnailCount() {
        try (Stream<Path> files = Files.list(work.resolve("thumbnails"))) {
            return files.filter(f -> f.getFileName().toString().contains("_thumbnail.")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    // the running harvest's problems, as the scheduler recorded them
    private String problems() {
        try (Stream<Path> files = Files.list(work.resolve("reports"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.toList()) all.append(file.getFileName()).append(": ").append(Files.readString(file));
            return all.toString();
        } catch (IOException e) {
            return "(no reports: " + e + ")";
        }
    }

    private String log(String name) {
        try {
            return Files.readString(work.resolve(name));
        } catch (IOException e) {
            return "(no " + name + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
