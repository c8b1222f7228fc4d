package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.report.HarvestSummary;

/**
 * The run's notification by mail through the real routes (notify.camel.yaml) to a real SMTP server (GreenMail) over
 * TLS, with a certificate of its own that the runner trusts through notify.mail.trustCertificate: one mail a run,
 * with the login; a server it does not trust, a wrong password and a server without STARTTLS each get no mail.
 */
class NotifyMailTest extends HarvesterTestSupport {

    private static final String PASSWORD = "mail-secret-4718";

    @TempDir
    static Path tls;

    private GreenMail mail;

    // GreenMail reads its key store once per JVM: a key pair for 127.0.0.1, and its certificate for the runner
    @BeforeAll
    static void makeTheServersCertificate() throws Exception {
        Path store = tls.resolve("mail.p12");
        Keytool.run("-genkeypair", "-alias", "mail", "-keyalg", "RSA", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-keystore", store.toString(), "-storepass", "store-secret");
        Keytool.run("-exportcert", "-rfc", "-alias", "mail", "-keystore", store.toString(), "-storepass",
                "store-secret", "-file", tls.resolve("mail.pem").toString());
        System.setProperty("greenmail.tls.keystore.file", store.toString());
        System.setProperty("greenmail.tls.keystore.password", "store-secret");
        System.setProperty("greenmail.tls.key.password", "store-secret");
    }

    @Override
    protected void configure(Properties settings) {
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        mail.setUser("harvester@example.org", "harvester", PASSWORD);
        mail.start();
        // (each test's server and settings, by its name)
        String test = getCurrentTestName();
        boolean starttls = test.contains("starttls");
        settings.put("notify.when", "always");
        settings.put("notify.mail.to", "ops@example.org, night-shift@example.org");
        settings.put("notify.mail.from", "harvester@example.org");
        settings.put("notify.mail.host", "127.0.0.1");
        settings.put("notify.mail.port", String.valueOf((starttls ? mail.getSmtp() : mail.getSmtps()).getPort()));
        settings.put("notify.mail.tls", starttls ? "starttls" : "smtps");
        settings.put("notify.mail.trustCertificate", test.contains("not_trust") ? ""
                : tls.resolve("mail.pem").toString());
        settings.put("notify.mail.user", "harvester");
        settings.put("notify.mail.password", test.contains("wrong_password") ? "not-the-password" : PASSWORD);
        settings.put("notify.timeout", "5000");
    }

    @AfterEach
    void stopMail() {
        mail.stop();
    }

    @Test
    void mails_one_notice_per_run_over_smtps_with_its_login() throws Exception {
        server.serve("/a.png", "image/png", TestImages.image("png", 20, 20, 0x112233));
        list("/a.png", "/gone.png");

        HarvestSummary summary = harvest();

        assertTrue(mail.waitForIncomingEmail(5000, 2), "one mail to each recipient");
        MimeMessage[] received = mail.getReceivedMessages();
        assertEquals(2, received.length);
        MimeMessage first = received[0];
        assertEquals("Harvest finished: 1 new, 1 failed (" + summary.runId() + ")", first.getSubject());
        assertEquals("harvester@example.org", first.getFrom()[0].toString());
        String text = GreenMailUtil.getBody(first);
        assertTrue(text.startsWith("Harvest finished: 2 listed, 1 saved, 0 skipped, 1 failed"), text);
        assertTrue(text.contains(server.url("/gone.png") + ": HTTP 404"), text);
        Path sheet = work.resolve("thumbnails").resolve(summary.runId() + ".html").toAbsolutePath();
        assertTrue(Files.isRegularFile(sheet));
        assertTrue(text.contains(sheet.toString()), "the link to the run's page: " + text);
        JsonNode noted = report().get("notification");
        assertTrue(noted.get("mail").get("sent").asBoolean(), noted.toString());
        assertNull(noted.get("webhook"), "no webhook set: none tried");

        list("/a.png");
        harvest();
        assertTrue(mail.waitForIncomingEmail(5000, 4));
        assertEquals(4, mail.getReceivedMessages().length, "one more run, one more mail to each");
    }

    @Test
    void sends_no_mail_to_a_server_whose_certificate_it_does_not_trust() throws Exception {
        list();

        harvest();

        assertNotSent("unable to find valid certification path");
    }

    @Test
    void sends_no_mail_with_a_wrong_password() throws Exception {
        list();

        harvest();

        assertNotSent("AuthenticationFailedException");
    }

    @Test
    void never_falls_back_to_plain_text_when_starttls_is_not_offered() throws Exception {
        list();

        harvest();

        assertNotSent("STARTTLS");
    }

    // no mail arrived, and the report says why
    private void assertNotSent(String reason) throws Exception {
        assertEquals(0, mail.getReceivedMessages().length);
        JsonNode noted = report().get("notification").get("mail");
        assertFalse(noted.get("sent").asBoolean());
        assertTrue(noted.get("reason").asText().contains(reason), noted.toString());
    }
}
