package org.imageharvester.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.stream.Stream;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.imageharvester.Keytool;

/** The embedded broker lets in broker.user with broker.password, and no one else, even on loopback; over TLS too. */
class EmbeddedBrokerTest {

    private static final String USER = "harvester";
    private static final String PASSWORD = "a-long-test-password";

    @TempDir
    Path work;

    private EmbeddedBroker broker;
    private int port;

    @AfterEach
    void stop() {
        if (broker != null) broker.stop();
    }

    @Test
    void lets_its_user_send_and_receive_a_job() throws Exception {
        start(USER, PASSWORD);

        try (Connection connection = factory().createConnection(USER, PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("harvest.jobs"))
                    .send(session.createTextMessage("http://a/1.png"));
            MessageConsumer consumer = session.createConsumer(session.createQueue("harvest.jobs"));

            assertEquals("http://a/1.png", ((TextMessage) consumer.receive(10_000)).getText());
        }
    }

    static Stream<Arguments> strangers() {
        return Stream.of(
                Arguments.of("no login", null, null, "Unable to validate user"),
                Arguments.of("a wrong password", USER, "a-long-test-passwore", "Unable to validate user"),
                Arguments.of("a password that only starts right", USER, PASSWORD.substring(0, 12),
                "Unable to validate user"),
                Arguments.of("another user with the password", "guest", PASSWORD, "Unable to validate user"),
                // Artemis's own user for cluster management, let in past the security manager
                Arguments.of("Artemis's default cluster login", ActiveMQDefaultConfiguration.getDefaultClusterUser(),
                        ActiveMQDefaultConfiguration.getDefaultClusterPassword(), "Unable to"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strangers")
    void refuses_at_connect_a_client_with(String who, String user, String password, String why) throws Exception {
        start(USER, PASSWORD);

        JMSException refused = assertThrows(JMSException.class,
                () -> factory().createConnection(user, password).close(), who);
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    @Test
    void lets_its_user_in_over_tls_and_refuses_plain_tcp_there() throws Exception {
        // the README's set-up: a key pair for the broker, a trust store with its certificate for the clients
        Keytool.run("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-keystore", work.resolve("broker.p12").toString(), "-storepass",
                "key-secret");
        Keytool.run("-exportcert", "-alias", "broker", "-keystore", work.resolve("broker.p12").toString(),
                "-storepass", "key-secret", "-file", work.resolve("broker.crt").toString());
        Keytool.run("-importcert", "-alias", "broker", "-file", work.resolve("broker.crt").toString(), "-keystore",
                work.resolve("trust.p12").toString(), "-storepass", "trust-secret", "-noprompt");
        port = freePort();
        start("tcp://127.0.0.1:" + port + "?sslEnabled=true;keyStorePath=" + work.resolve("broker.p12")
                + ";keyStorePassword=key-secret", USER, PASSWORD);
        String tls = "tcp://127.0.0.1:" + port + "?sslEnabled=true&trustStorePath=" + work.resolve("trust.p12")
                + "&trustStorePassword=trust-secret";

        try (Connection connection = new ActiveMQConnectionFactory(tls).createConnection(USER, PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("harvest.jobs"))
                    .send(session.createTextMessage("http://a/2.png"));
            MessageConsumer consumer = session.createConsumer(session.createQueue("harvest.jobs"));
            assertEquals("http://a/2.png", ((TextMessage) consumer.receive(10_000)).getText());
        }
        assertThrows(JMSException.class, () -> new ActiveMQConnectionFactory(tls).createConnection(USER,
                "wrong").close());
        assertThrows(JMSException.class, () -> new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port
                + "?callTimeout=1000").createConnection(USER, PASSWORD).close(), "plain TCP to the TLS acceptor");
    }

    @Test
    void does_not_start_without_a_password_and_listens_nowhere() throws Exception {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> start(USER, ""));

        assertTrue(messages(refused).contains("broker.embedded needs broker.user and broker.password"),
                messages(refused));
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    private void start(String user, String password) throws IOException {
        port = freePort();
        start("tcp://127.0.0.1:" + port, user, password);
    }

    private void start(String acceptor, String user, String password) {
        broker = new EmbeddedBroker();
        broker.setAcceptor(acceptor);
        broker.setDir(work.resolve("broker").toString());
        broker.setUser(user);
        broker.setPassword(password);
        broker.setMaxDeliveries(5);
        broker.setDeadLetters("harvest.dead");
        broker.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private ActiveMQConnectionFactory factory() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
    }

    private static String messages(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) all.append(t.getMessage()).append(" / ");
        return all.toString();
    }
}
