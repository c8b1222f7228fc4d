package org.imageharvester.scaleout;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real ActiveMQ Artemis server inside the runner (or a test), listening on TCP, for a single-machine trial of scale
 * out and for tests: persistent (its journal survives a restart), with the harvest's addresses set up as a production
 * broker should be: a job whose worker died {@code maxDeliveries} times goes to the dead-letter address. Only the one
 * user {@code broker.user} with {@code broker.password} gets in, wherever it listens ({@link BrokerLogin}).
 */
public final class EmbeddedBroker extends ServiceSupport implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private String acceptor;
    private String user;
    private String password;
    private Path dir;
    private int maxDeliveries;
    private String deadLetters;
    private EmbeddedActiveMQ server;
    private CamelContext camelContext;
    private volatile boolean left;

    /**
     * Sets {@code broker.embedded}: where it listens, e.g. {@code tcp://127.0.0.1:61616}; empty: no embedded broker.
     */
    public void setAcceptor(String acceptor) {
        this.acceptor = acceptor;
    }

    /** Sets {@code broker.user}: the one user let in. */
    public void setUser(String user) {
        this.user = user;
    }

    /** Sets {@code broker.password}: that user's password. */
    public void setPassword(String password) {
        this.password = password;
    }

    /** Sets {@code broker.embeddedDir}: the journal, bindings and paging folders. */
    public void setDir(String dir) {
        this.dir = Path.of(dir);
    }

    /** Sets {@code broker.maxDeliveries}: deliveries of a job before it goes to the dead-letter address. */
    public void setMaxDeliveries(int maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }

    /** Sets {@code broker.deadLetters}: the dead-letter address (and queue). */
    public void setDeadLetters(String deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * Starts with Camel, before the routes, when an acceptor is set. (Camel's YAML loader makes the beans of a route
     * file twice at start-up, the first time to look ahead; only the bean that stays starts a broker.)
     */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        if (acceptor == null || acceptor.isBlank()) return;
        try {
            camelContext.addStartupListener((context, alreadyStarted) -> {
                if (!left) start();
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded broker: " + e.getMessage(), e);
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** The YAML bean's destroy method: a bean that Camel replaced leaves without ever starting a broker. */
    public void leave() {
        left = true;
        stop();
    }

    @Override
    protected void doStart() throws Exception {
        if (user == null || user.isBlank() || password == null || password.isBlank()) {
            throw new IllegalStateException("broker.embedded needs broker.user and broker.password"
                    + " (BROKER_USER / BROKER_PASSWORD in the environment)");
        }
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(true)
                // Artemis lets its cluster user in past the security manager; its default password is public
                .setClusterPassword(randomPassword())
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .addAcceptorConfiguration("harvest", acceptor)
                .addAddressSetting("#", new AddressSettings()
                        .setMaxDeliveryAttempts(maxDeliveries)
                        .setDeadLetterAddress(SimpleString.of(deadLetters))
                        .setExpiryAddress(SimpleString.of(deadLetters))
                        .setAutoCreateDeadLetterResources(false)
                        .setRedeliveryDelay(1000));
        config.addQueueConfiguration(QueueConfiguration.of(deadLetters)
                .setRoutingType(RoutingType.ANYCAST));
        server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.setSecurityManager(new BrokerLogin(user, password));
        server.start();
        // (a TLS acceptor holds its key store's password)
        LOG.info("Embedded Artemis broker listening on {} (data in {})",
                acceptor.replaceAll("(?i)(password=)[^;&]*", "$1***"), dir.toAbsolutePath());
    }

    private static String randomPassword() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    /** Consumers of the queue now (0 when it does not exist yet). */
    public int consumers(String queue) {
        var found = server == null ? null : server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getConsumerCount();
    }

    @Override
    protected void doStop() throws Exception {
        if (server == null) return;
        server.stop();
        server = null;
    }
}
