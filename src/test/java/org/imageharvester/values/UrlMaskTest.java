package org.imageharvester.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which parts of a URL are secret, in any case or encoding, in a URL that parses or not, alone or quoted in text. */
class UrlMaskTest {

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "apikey", "API_KEY", "apiKey", "api-key", "key", "Key", "client_id", "clientId",
        "client_secret", "token", "access_token", "accessToken", "refresh_token", "auth", "sig", "signature",
        "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token", "x-goog-signature", "password", "PASSWORD",
        "keyStorePassword", "pwd", "secret", "app_secret", "sas_token", "private_key", "api%5Fkey", "api%5fKEY"})
    void masks_a_parameter_named_like_a_credential(String name) {
        assertEquals("https://cdn.example/a.jpg?w=640&" + name + "=***&h=480",
                UrlMask.RULES.mask("https://cdn.example/a.jpg?w=640&" + name + "=s3cr3t&h=480"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"page", "w", "format", "monkey", "keyword", "tokens_left", "Key-Pair-Id", "X-Amz-Expires",
        "X-Amz-Algorithm", "id", "signed"})
    void leaves_other_parameters_as_they_are(String name) {
        String url = "https://cdn.example/a.jpg?" + name + "=visible&x=1";
        assertEquals(url, UrlMask.RULES.mask(url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://reader:pw-4711@example.org/list.txt|https://***@example.org/list.txt",
        "https://ghp_t0ken4711@github.com/x|https://***@github.com/x",
        "jdbc:postgresql://harvester:pg-4711@db:5432/h|jdbc:postgresql://***@db:5432/h",
        "https://example.org/a@b.png|https://example.org/a@b.png",
        "mailto:ops@example.org|mailto:ops@example.org"})
    void masks_user_info_whole_and_only_user_info(String url, String shown) {
        assertEquals(shown, UrlMask.RULES.mask(url));
    }

    @Test
    void masks_a_parameter_after_a_fragment_or_semicolon_and_inside_an_encoded_url() {
        assertEquals("https://app.example/cb#access_token=***&state=1",
                UrlMask.RULES.mask("https://app.example/cb#access_token=t-4711&state=1"));
        assertEquals("jdbc:h2:tcp://db/h;USER=sa;PASSWORD=***",
                UrlMask.RULES.mask("jdbc:h2:tcp://db/h;USER=sa;PASSWORD=h2-4711"));
        assertEquals("https://x.example/go?to=https%3A%2F%2Fcdn.example%2Fa.jpg%3Fsig%3D***%26w%3D1",
                UrlMask.RULES.mask("https://x.example/go?to=https%3A%2F%2Fcdn.example%2Fa.jpg%3Fsig%3Dab%2Bc%26w%3D1"));
    }

    @Test
    void masks_urls_that_do_not_parse_and_urls_quoted_in_text() {
        assertEquals("http://exa mple/%%zz?token=***", UrlMask.RULES.mask("http://exa mple/%%zz?token=t-4711"));
        assertEquals("Could not save https://cdn.example/a.png?sig=*** (HTTP 403), then https://***@x.example/b: no",
                UrlMask.RULES.mask("Could not save https://cdn.example/a.png?sig=ab12 (HTTP 403), then "
                        + "https://u:p@x.example/b: no"));
        assertEquals("one (http://h/l?api_key=***), two (http://h/m?key=***)",
                UrlMask.RULES.mask("one (http://h/l?api_key=k-4711), two (http://h/m?key=k-4712)"));
        assertEquals("?key=", UrlMask.RULES.mask("?key="), "nothing to mask in an empty value");
        assertNull(UrlMask.RULES.mask(null));
    }

    @Test
    void masks_given_values_wherever_they_are_and_in_their_encoded_form_but_not_short_ones() {
        UrlMask mask = new UrlMask(List.of("k/4711 key", "ab"));

        String shown = mask.mask("https://api.example/k/4711 key/list?x=ab and https://api.example/k%2F4711+key/");

        assertEquals("https://api.example/***/list?x=ab and https://api.example/***/", shown);
        assertFalse(shown.contains("4711"), shown);
        assertTrue(UrlMask.secret("X-Amz-Signature"));
    }
}
