package org.imageharvester.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.PasswordAuthentication;
import org.apache.camel.component.mail.MailAuthenticator;

/**
 * How the notification's mail reaches its SMTP server: over TLS from the first byte ({@code smtps}) or after a
 * STARTTLS that must succeed ({@code starttls}), never in the clear; the server's certificate and name checked,
 * against the JVM's trusted authorities or {@code notify.mail.trustCertificate}; {@code notify.timeout} for each
 * step; a login only when {@code notify.mail.user} is set.
 */
public final class MailSession {

    private MailSession() {
    }

    /** The JavaMail settings of {@code notify.mail.tls}, {@code notify.timeout} and the certificate to trust. */
    public static Properties properties(String tls, long timeout, String trustCertificate, String user)
            throws IOException, GeneralSecurityException {
        Properties mail = new Properties();
        for (String step : new String[] {"connectiontimeout", "timeout", "writetimeout"}) {
            mail.put("mail.smtp." + step, Long.toString(timeout));
        }
        switch (tls.trim()) {
            case "smtps" -> mail.put("mail.smtp.ssl.enable", "true");
            case "starttls" -> {
                mail.put("mail.smtp.starttls.enable", "true");
                mail.put("mail.smtp.starttls.required", "true");
            }
            default -> throw new IllegalArgumentException("notify.mail.tls must be smtps or starttls: " + tls);
        }
        mail.put("mail.smtp.ssl.checkserveridentity", "true");
        mail.put("mail.smtp.auth", Boolean.toString(!user.isBlank()));
        if (!trustCertificate.isBlank()) mail.put("mail.smtp.ssl.socketFactory", trusting(Path.of(trustCertificate)));
        return mail;
    }

    /** The login of {@code notify.mail.user} and {@code notify.mail.password}; none when the user is empty. */
    public static MailAuthenticator login(String user, String password) {
        PasswordAuthentication login = user.isBlank() ? new PasswordAuthentication(null, null)
                : new PasswordAuthentication(user.trim(), password);
        return new MailAuthenticator() {
            @Override
            public PasswordAuthentication getPasswordAuthentication() {
                return login;
            }
        };
    }

    // a private authority's, or a self-signed server's, certificate (PEM or DER): the only ones trusted
    private static Object trusting(Path certificates) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificates)) {
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("trusted-" + n++, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls.getSocketFactory();
    }
}
