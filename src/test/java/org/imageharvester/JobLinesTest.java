package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.scaleout.EmbeddedBroker;

/**
 * A scheduler's job lines through a real Artemis broker to a real worker, each a runner process of its own on the
 * project's routes: the line of a listing entry with the most fields a listing keeps is read, and a line broken on the
 * broker fails its link at once, saying why, instead of leaving the scheduler waiting for harvest.resultTimeout. The
 * scheduler sends its jobs to a queue of its own, from which the test hands them on to the worker's (breaking a line or
 * not).
 */
class JobLinesTest {

    private static final Map<String, String> BROKER_LOGIN = Map.of("BROKER_USER", "harvester",
            "BROKER_PASSWORD", "job-lines-test-password");
    // far longer than these runs take: a link left unanswered shows as a run that takes this long
    private static final int RESULT_TIMEOUT = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    // the queue the schedulers send their jobs to, which the worker does not read
    private static final String SCHEDULED = "harvest.scheduled";

    @TempDir
    static Path work;

    private static TestServer images;
    private static EmbeddedBroker broker;
    private static int brokerPort;
    private static Process worker;
    private final List<Process> schedulers = new ArrayList<>();

    @BeforeAll
    static void startBrokerAndWorker() throws IOException {
        images = new TestServer();
        try (ServerSocket free = new ServerSocket(0)) {
            brokerPort = free.getLocalPort();
        }
        broker = new EmbeddedBroker();
        broker.setAcceptor("tcp://127.0.0.1:" + brokerPort);
        broker.setDir(work.resolve("broker").toString());
        broker.setUser(BROKER_LOGIN.get("BROKER_USER"));
        broker.setPassword(BROKER_LOGIN.get("BROKER_PASSWORD"));
        broker.setMaxDeliveries(5);
        broker.setDeadLetters("harvest.dead");
        broker.start();
        worker = runner("worker.log", "-Dharvest.role=worker", "-Dworker.concurrency=1", "-Ddownload.sidecar=true",
                "-Dledger.file=" + work.resolve("state/worker-ledger"));
        Awaitility.await("the worker's consumer").atMost(120, TimeUnit.SECONDS)
                .until(() -> broker.consumers("harvest.jobs") == 1 || !worker.isAlive());
    }

    @AfterEach
    void stopScheduler() throws Exception {
        for (Process process : schedulers) process.destroyForcibly();
        for (Process process : schedulers) process.waitFor(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopBrokerAndWorker() throws Exception {
        worker.destroyForcibly();
        worker.waitFor(30, TimeUnit.SECONDS);
        broker.stop();
        images.close();
    }

    @Test
    void an_entry_with_the_most_fields_a_listing_keeps_reaches_the_worker_and_its_link_is_saved() throws Exception {
        // 150 tags (quotes, accents and CJK among them) and a long title: a listing keeps the title cut at 1,000
        // characters with its note and 100 tags, near its 16 KiB of fields (about 40,000 characters URL-encoded: a
        // quote, an accent or a CJK character takes 6 to 9)
        String tag = "\"tag\" é 語 ".repeat(10);
        List<String> tags = Collections.nCopies(150, tag);
        listing(Map.of("title", "T".repeat(5000), "tags", tags, "link", png("full")), Map.of("link", png("plain")));
        Process scheduler = scheduler("full");

        handOnTheJobs(2, job -> job);

        JsonNode report = report(scheduler, "full");
        assertEquals(List.of(2, 2, 0), List.of(report.get("saved").asInt(), report.get("listed").asInt(),
                report.get("failed").asInt()), report.toString());
        JsonNode entry = sidecar("full-").get("entry");
        assertEquals(100, entry.get("tags").size(), entry.toString());
        assertEquals(tag, entry.get("tags").get(99).asText());
        assertEquals("T".repeat(1000) + "... (5000 characters)", entry.get("title").asText());
    }

    @Test
    void a_line_broken_on_the_broker_fails_its_link_at_once_saying_why_and_the_other_is_saved() throws Exception {
        listing(Map.of("title", "harbour", "link", png("broken")), Map.of("title", "boats", "link", png("whole")));
        Process scheduler = scheduler("broken");

        // its fields broken, and first in the job: the line after it is still done
        String broken = images.url("/i/broken.png");
        String job = handOnTheJobs(2, lines -> Stream.of(lines.split("\n"))
                .sorted(Comparator.comparing(line -> !line.contains(broken)))
                .map(line -> line.replaceAll("^(\\S+ " + Pattern.quote(broken) + ") \\S+$", "$1 %7B%22broken"))
                .collect(Collectors.joining("\n")));
        assertTrue(job.matches("\\S+ " + Pattern.quote(broken) + " %7B%22broken\n\\S+ \\S+ \\S+"), job);

        JsonNode report = report(scheduler, "broken");
        assertEquals(List.of(1, 2, 1), List.of(report.get("saved").asInt(), report.get("listed").asInt(),
                report.get("failed").asInt()), report.toString());
        String reports = reports("broken");
        assertTrue(reports.contains("its job's line could not be read: its entry's fields are not JSON"), reports);
        assertTrue(log("worker.log").contains("Failing " + images.url("/i/broken.png")
                + ": its job's line could not be read: its entry's fields are not JSON"), logs());
        assertNotNull(sidecar("whole-"), "the other link is saved");
    }

    @SafeVarargs
    private static void listing(Map<String, Object>... entries) throws IOException {
        images.serve("/gallery.json", "application/json", JSON.writeValueAsString(Map.of("data", List.of(entries))));
    }

    private static String png(String name) {
        images.serve("/i/" + name + ".png", "image/png", TestImages.image("png", 40, 30, name.hashCode()));
        return images.url("/i/" + name + ".png");
    }

    // takes the scheduler's jobs off its queue, until they held this many links, and puts each, edited, on the worker's
    // with the headers it had; returns their lines as handed on
    private static String handOnTheJobs(int links, UnaryOperator<String> edit) throws Exception {
        List<String> handedOn = new ArrayList<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort,
                BROKER_LOGIN.get("BROKER_USER"), BROKER_LOGIN.get("BROKER_PASSWORD"));
                Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer scheduled = session.createConsumer(session.createQueue(SCHEDULED));
            MessageProducer jobs = session.createProducer(session.createQueue("harvest.jobs"));
            while (handedOn.size() < links) {
                Message job = scheduled.receive(120_000);
                assertNotNull(job, "the scheduler's jobs: " + logs());
                String lines = edit.apply(((TextMessage) job).getText());
                TextMessage edited = session.createTextMessage(lines);
                for (Object name : Collections.list(job.getPropertyNames())) {
                    edited.setObjectProperty((String) name, job.getObjectProperty((String) name));
                }
                jobs.send(edited);
                session.commit();
                handedOn.addAll(List.of(lines.split("\n")));
            }
        }
        return String.join("\n", handedOn);
    }

    // a scheduler's run of one harvest, its jobs sent to the test's queue, its report in reports-<name>
    private Process scheduler(String name) throws IOException {
        Process scheduler = runner("scheduler-" + name + ".log", "-Dharvest.role=scheduler",
                "-Dbroker.jobs=" + SCHEDULED, "-Dledger.file=" + work.resolve("state/ledger-" + name),
                "-Dreport.dir=" + work.resolve("reports-" + name), "-Dsource.url=" + images.url("/gallery.json"),
                "-Dsource.format=json", "-Dsource.jsonPath=$.data[*].link", "-Dsource.sidecarFields=title, tags",
                // a listing's links in one job, however slowly it is read
                "-Dbroker.batchWait=2000", "--once");
        schedulers.add(scheduler);
        return scheduler;
    }

    private static Process runner(String log, String... options) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Dbroker.url=tcp://127.0.0.1:" + brokerPort
                + "?consumerWindowSize=0&reconnectAttempts=-1&retryInterval=200&maxRetryInterval=1000",
                "-Dsource.headers=", "-Dharvest.resultTimeout=" + RESULT_TIMEOUT));
        List<String> args = new ArrayList<>();
        for (String option : options) (option.startsWith("-D") ? jvm : args).add(option);
        return Runners.start(work, log, BROKER_LOGIN, jvm, Path.of("").toAbsolutePath(), args.toArray(String[]::new));
    }

    // the scheduler's report, once its run ended: in far less time than harvest.resultTimeout, and not cut short
    private JsonNode report(Process scheduler, String name) throws Exception {
        assertTrue(scheduler.waitFor(3 * RESULT_TIMEOUT, TimeUnit.MILLISECONDS), logs());
        try (Stream<Path> files = Files.list(work.resolve("reports-" + name))) {
            Path found = files.filter(f -> f.getFileName().toString().matches("harvest-.*\\.json")).findFirst()
                    .orElseThrow(() -> new AssertionError("no report: " + logs()));
            JsonNode report = JSON.readTree(found.toFile());
            assertTrue(report.get("stoppedBecause").isNull(), report + logs());
            assertTrue(report.get("durationMs").asLong() < RESULT_TIMEOUT / 4, report + logs());
            return report;
        }
    }

    private JsonNode sidecar(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(work.resolve("images"))) {
            Path found = files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.toString().endsWith(".png.json")).findFirst().orElseThrow(() -> new AssertionError(
                            "no sidecar " + prefix + ": " + logs()));
            return JSON.readTree(found.toFile());
        }
    }

    private static String reports(String name) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(work.resolve("reports-" + name))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) all.append(Files.readString(file));
        }
        return all.toString();
    }

    private static String logs() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(work)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                String name = file.getFileName().toString();
                all.append("\n--- ").append(name).append(":\n").append(log(name));
            }
        } catch (IOException e) {
            all.append(e);
        }
        return all.toString();
    }

    private static String log(String name) {
        try {
            return Files.readString(work.resolve(name));
        } catch (IOException e) {
            return "(no " + name + ")";
        }
    }
}
