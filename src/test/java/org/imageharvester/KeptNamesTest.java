package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.imageharvester.ledger.Ledger;

/** Names now carry 128 bits of the URL's hash; a file saved before under a shorter name keeps it when it changes. */
class KeptNamesTest extends HarvesterTestSupport {

    @Test
    void a_file_saved_under_an_earlier_name_keeps_it() throws Exception {
        server.serve("/a.png", "image/png", TestImages.image("png", 10, 10, 1));
        list("/a.png");
        harvest();
        String name = files("images").get(0);
        // as an earlier version named it: 48 bits of the hash
        String earlier = name.replaceFirst("-([0-9a-f]{12})[0-9a-f]{20}\\.", "-$1.");
        Path earlierFile = Files.move(file("images", name), file("images", earlier));
        Ledger ledger = context.getRegistry().lookupByNameAndType("ledger", Ledger.class);
        try (Connection db = Ledger.dataSourceOf(ledger).getConnection();
                PreparedStatement sql = db.prepareStatement("UPDATE saved SET file = ?")) {
            sql.setString(1, earlierFile.toString());
            assertEquals(1, sql.executeUpdate());
        }
        byte[] changed = TestImages.image("png", 10, 10, 2);
        server.serve("/a.png", "image/png", changed);

        harvest();

        assertEquals(List.of(earlier), files("images"));
        assertArrayEquals(changed, Files.readAllBytes(earlierFile));
    }
}
