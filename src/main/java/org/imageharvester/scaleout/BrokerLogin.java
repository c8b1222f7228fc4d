package org.imageharvester.scaleout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * Lets into the embedded broker exactly one user, {@code broker.user} with {@code broker.password}, and that user may
 * do everything: the scheduler and the workers share one login, and every other client is refused.
 */
final class BrokerLogin implements ActiveMQSecurityManager {

    private final byte[] user;
    private final byte[] password;

    BrokerLogin(String user, String password) {
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    /** True only for the one user and its password (compared in constant time: no timing hints to a guesser). */
    @Override
    public boolean validateUser(String user, String password) {
        if (user == null || password == null) return false;
        // both compared every time, so a right user name with a wrong password takes as long as a wrong one
        boolean userMatches = MessageDigest.isEqual(this.user, user.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = MessageDigest.isEqual(this.password, password.getBytes(StandardCharsets.UTF_8));
        return userMatches & passwordMatches;
    }

    /** Artemis asks this for every send, consume and queue made: the one user may do all of them, roles aside. */
    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return validateUser(user, password);
    }
}
