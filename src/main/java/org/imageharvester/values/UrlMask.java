package org.imageharvester.values;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes {@code ***} for the secret parts of the URLs in a text: a URL's user info, the value of each parameter named
 * like a credential ({@code api_key}, {@code token}, {@code sig}, {@code X-Amz-Signature}, {@code client_secret},
 * anything ending in {@code _key}, {@code _token}, {@code _secret}...), and the given secret values wherever they are
 * (what the {@code ${NAME}} of a source's url expands to). Text, not parsed URLs: a URL that does not parse, or one
 * quoted in an exception's message, is masked all the same.
 */
public final class UrlMask {

    /** What a secret is written as. */
    public static final String MASK = "***";
    /** Secret values shorter than this are not masked: they would be found in ordinary words and numbers. */
    public static final int SHORTEST = 4;
    /** The rules alone, with no secret values. */
    public static final UrlMask RULES = new UrlMask(List.of());

    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#@\\s\"'<>]+@");
    // name=value after ?, &, ;, # or their percent-encoded forms (a URL inside another's parameter); a value ends
    // where a URL quoted in text does: at a space, a quote, a closing bracket, a comma before a space
    private static final Pattern PARAMETER = Pattern.compile("(?i)([?&;#]|%3F|%26|%3B|%23)"
            + "((?:(?!%3D|%26)[a-z0-9_.%+-])+)(=|%3D)((?:(?!%26|%23|%3B|%3F|,\\s|,$)[^&;#\\s\"'<>)\\]])*)");
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Set<String> NAMES = Set.of("key", "apikey", "token", "auth", "sig", "signature", "password",
            "passwd", "pwd", "pass", "passphrase", "secret", "credential", "credentials", "client_id");
    // the last part of a longer name: access_token, X-Amz-Signature, apiKey, keyStorePassword, X-Amz-Credential
    private static final Set<String> ENDINGS = Set.of("key", "apikey", "token", "auth", "sig", "signature",
            "password", "passwd", "pwd", "passphrase", "secret", "credential", "credentials");

    private final List<String> secrets;

    /** A mask of the rules and these secret values (each also in its URL-encoded form). */
    public UrlMask(Collection<String> secrets) {
        // the longest first: a secret that holds a shorter one is masked whole
        this.secrets = secrets.stream().filter(secret -> secret != null && secret.length() >= SHORTEST)
                .flatMap(secret -> Stream.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8)))
                .distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The text with each secret part of a URL in it written as {@code ***}; null stays null. */
    public String mask(String text) {
        if (text == null) return null;
        String masked = text;
        for (String secret : secrets) masked = masked.replace(secret, MASK);
        // (most log lines hold neither: they cost an indexOf, not a regex scan)
        if (masked.contains("://")) {
            masked = USER_INFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        }
        if (masked.indexOf('=') < 0 && !masked.contains("%3")) return masked;
        Matcher parameter = PARAMETER.matcher(masked);
        return parameter.replaceAll(m -> Matcher.quoteReplacement(secret(m.group(2)) && !m.group(4).isEmpty()
                ? m.group(1) + m.group(2) + m.group(3) + MASK : m.group()));
    }

    /** True when a parameter of this name holds a credential, however it is cased, spelt or percent-encoded. */
    static boolean secret(String name) {
        String decoded;
        try {
            decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEncoding) {
            decoded = name;
        }
        String words = CAMEL_HUMP.matcher(decoded).replaceAll("$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_");
        return NAMES.contains(words) || NAMES.contains(words.replace("_", ""))
                || ENDINGS.contains(words.substring(words.lastIndexOf('_') + 1));
    }
}
