package org.imageharvester.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.file.FileConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.download.BoundedBody;
import org.imageharvester.download.Fingerprint;
import org.imageharvester.download.ImageFileNamer;
import org.imageharvester.download.PixelSize;
import org.imageharvester.values.KeptImages;
import org.imageharvester.values.Known;
import org.imageharvester.values.NetworkText;
import org.imageharvester.values.Outcome;

/**
 * Remembers, across runs and restarts, every image saved: its URL, file, validators (ETag, Last-Modified) and the
 * {@link Fingerprint} of its bytes. A nightly re-run asks only about what it saved before (a conditional GET) and
 * stores identical bytes from another URL once (same fingerprint, then the same bytes, compared). Kept in an H2
 * database file that only grows (nothing is ever forgotten), or the database a scale-out shares. A URL is recorded
 * only once its file is in place, so a failed or interrupted download is tried again next run; the records are
 * written in groups ({@link LedgerWriter}). It also keeps each image's perceptual hash and size in pixels, to tell a
 * near-duplicate of an image saved before and which of the two stays ({@link #resemble}), and which links' files were
 * removed again, and why ({@link #notKept}).
 */
public final class Ledger implements KeptImages {

    private static final ImageFileNamer NAMER = new ImageFileNamer();
    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
    // SQLSTATE of a unique key already taken, in H2 and PostgreSQL alike
    static final String DUPLICATE_KEY = "23505";
    // the owners of the bytes this runner saved lately (the database has them too, once written): a copy is known at
    // once, before its owner's record is written; bounded, an older owner is asked of the database
    private static final int RECENT_OWNERS = 10_000;

    private String file;
    private Path downloadDir;
    private String url;
    private String user;
    private String password;
    private boolean createSchema;
    private HikariDataSource pool;
    private int poolSize;
    private LedgerWriter writer;
    // a local ledger's links and bytes, to answer "never seen" without a query (null: a shared one, asked each time)
    private SeenKeys seenUrls;
    private SeenKeys seenContent;
    // the last runner on this ledger stopped cleanly, every record written: no file on disk lacks its record
    private boolean cleanStart;
    private final Map<String, Owner> recentOwners = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Owner> eldest) {
            return size() > RECENT_OWNERS;
        }
    };
    // the hashes of the images held, read at open (and, of a shared ledger, those written since, before each look)
    private final NearIndex near = new NearIndex();
    private final CountDownLatch nearLoaded = new CountDownLatch(1);
    // the images this runner hashed lately, by hash: found before their records are written (bounded, as above)
    private final Map<Long, Hashed> recentHashes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Hashed> eldest) {
            return size() > RECENT_OWNERS;
        }
    };
    // the images a look chose to remove (the smaller of two near ones), by link, until the caller tells notKept: no
    // look compares with them meanwhile, and notKept writes their hash and size with the reason (bounded, as above)
    private final Map<String, Image> losing = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > RECENT_OWNERS;
        }
    };
    // the links whose files this runner removed lately, and why: a lookup knows before the record is written
    // (bounded, as above)
    private final Map<String, String> droppedLately = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > RECENT_OWNERS;
        }
    };
    // a shared ledger: the newest saved_at of the hashes read, and the links read at that time
    private Timestamp nearSince;
    private final Set<String> nearAtSince = new HashSet<>();

    /** Sets {@code ledger.file}: the database file, without H2's {@code .mv.db} ending. */
    public void setFile(String file) {
        this.file = file;
    }

    /**
     * Sets {@code ledger.url}: a JDBC URL of the database several runners share (scale out), PostgreSQL
     * ({@code jdbc:postgresql://db-host:5432/harvest}) or an H2 server ({@code jdbc:h2:tcp://db-host:9092/harvest});
     * empty means the local {@code ledger.file}.
     */
    public void setUrl(String url) {
        this.url = url;
    }

    /** Sets {@code ledger.user}: the shared database's user. */
    public void setUser(String user) {
        this.user = user;
    }

    /** Sets {@code ledger.password}: the shared database's password. */
    public void setPassword(String password) {
        this.password = password;
    }

    /**
     * Sets {@code ledger.createSchema}: true, a shared database's missing tables are made (its login may create
     * tables); false, they are only checked for, and start-up stops when one is missing. A local file's always are.
     */
    public void setCreateSchema(boolean createSchema) {
        this.createSchema = createSchema;
    }

    /** Sets {@code ledger.poolSize}: the most connections to the ledger's database open at once. */
    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    /** True when the ledger is in a database several runners share ({@code ledger.url}). */
    public boolean isShared() {
        return url != null && !url.isBlank();
    }

    /** True when that database is PostgreSQL. */
    public boolean isPostgres() {
        return SharedDatabase.isPostgres(url);
    }

    /** The ledger's connections, for what else keeps state next to it (the workers' done-jobs repository). */
    public static DataSource dataSourceOf(Ledger ledger) {
        return ledger.pool;
    }

    /** Sets {@code download.dir}, where images saved before are looked for. */
    public void setDownloadDir(String downloadDir) {
        this.downloadDir = Path.of(downloadDir);
    }

    /**
     * Opens (or creates) the ledger; the runner does this at start-up. On a shared database whose login only reads and
     * writes ({@code ledger.createSchema=false}) it stops, saying how to make them, unless the tables are there.
     */
    public void open() throws SQLException, IOException {
        if (!isShared()) seal(true);
        // H2 writes what was committed to the file within WRITE_DELAY ms, together
        String jdbc = !isShared()
                ? "jdbc:h2:file:" + Path.of(file).toAbsolutePath() + ";WRITE_DELAY=100" : url;
        pool = SharedDatabase.pool(jdbc, user, password, poolSize);
        if (isShared() && !createSchema) LedgerTables.check(pool);
        else LedgerTables.create(pool, isShared(), isPostgres());
        writer = new LedgerWriter(pool, isPostgres());
        if (!isShared()) index();
        Thread hashes = new Thread(this::loadHashes, "ledger-hashes");
        hashes.setDaemon(true);
        hashes.start();
    }

    private void loadHashes() {
        try {
            synchronized (near) {
                readHashes();
            }
        } catch (SQLException e) { // near-duplicates are then found among the images saved from now on only
            LOG.warn("Could not read the ledger's image hashes: {}", e.toString());
        } finally {
            nearLoaded.countDown();
        }
    }

    // the hashes written since the last read (every one, the first time); called holding near's lock
    private void readHashes() throws SQLException {
        // (a dropped near-duplicate's row keeps its hash: a node that holds it forgets it when it reads the drop)
        String since = nearSince == null ? " AND dropped IS NULL" : " AND saved_at >= ?";
        try (Connection db = pool.getConnection(); PreparedStatement find = db.prepareStatement(
                "SELECT dhash, saved_at, url, dropped FROM saved WHERE dhash IS NOT NULL" + since)) {
            find.setFetchSize(1000);
            if (nearSince != null) find.setTimestamp(1, nearSince);
            Timestamp before = nearSince;
            Set<String> seenBefore = Set.copyOf(nearAtSince);
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    Timestamp at = rows.getTimestamp(2);
                    String url = rows.getString(3);
                    if (at.equals(before) && seenBefore.contains(url)) continue; // read the last time
                    if (rows.getString(4) == null) near.add(rows.getLong(1));
                    else near.remove(rows.getLong(1));
                    if (nearSince == null || at.after(nearSince)) {
                        nearSince = at;
                        nearAtSince.clear();
                    }
                    if (at.equals(nearSince)) nearAtSince.add(url);
                }
            }
        }
    }

    /**
     * Keeps the perceptual hash and size of the image and returns the image saved earlier (another link's own file,
     * still there) whose hash is within {@code maxDistance} bits of it, the nearest first; null when there is none. All
     * the ledger's images are compared (in memory: {@link NearIndex}), and, on a shared ledger, those the other nodes
     * saved until now. Two images thumbnailed side by side are compared one after the other, so with {@code
     * keepLarger} exactly one of two near images stays, the larger ({@link Image#isKeptOver}), whichever was judged
     * first: the other's hash leaves the images compared with at once, and the caller removes its files.
     */
    @Override
    public Earlier resemble(Image image, int maxDistance, boolean keepLarger) throws SQLException,
            InterruptedException {
        nearLoaded.await();
        synchronized (near) {
            if (isShared()) readHashes();
            Earlier earlier = null;
            for (long candidate : near.within(image.hash(), maxDistance)) {
                earlier = earlier(candidate, image);
                if (earlier != null) break;
            }
            boolean stays = !keepLarger || earlier == null || image.isKeptOver(earlier.image());
            if (keepLarger && earlier != null) {
                if (stays) earlier = new Earlier(earlier.image(), earlier.distance(), true);
                lose(stays ? earlier.image() : image, stays);
            }
            if (stays) {
                synchronized (recentHashes) {
                    recentHashes.put(image.hash(), new Hashed(image.url(), image.file(), image.width(),
                            image.height()));
                }
            }
            LedgerWriter.Mark mark = new LedgerWriter.Mark(image.url(), image.hash(), image.width(), image.height(),
                    null);
            // a shared ledger's hash is written now and read back with the others' by the next look
            if (isShared()) writer.writeNow(mark);
            else {
                if (stays) near.add(image.hash());
                writer.add(mark);
            }
            return earlier;
        }
    }

    // one of two near images is to go: no look compares with it from now on (an earlier one's hash leaves a local
    // index now; a shared ledger's nodes forget it when they read the drop notKept writes)
    private void lose(Image image, boolean indexed) {
        synchronized (losing) {
            losing.put(image.url(), image);
        }
        synchronized (recentHashes) {
            recentHashes.computeIfPresent(image.hash(), (hash, held) -> held.url().equals(image.url()) ? null : held);
        }
        if (indexed && !isShared()) near.remove(image.hash());
    }

    // the image of that hash, when it is another link's own file (never a copy's), there and staying, or null
    private Earlier earlier(long candidate, Image image) throws SQLException {
        int distance = Long.bitCount(candidate ^ image.hash());
        Hashed recent;
        synchronized (recentHashes) {
            recent = recentHashes.get(candidate);
        }
        if (recent != null && isOther(recent, image)) return earlier(recent, candidate, distance);
        try (Connection db = pool.getConnection(); PreparedStatement find = db.prepareStatement("SELECT url, file,"
                + " width, height FROM saved WHERE dhash = ? AND dropped IS NULL AND copy_of IS NULL")) {
            find.setLong(1, candidate);
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    // (a null size reads as 0: not known)
                    Hashed owner = new Hashed(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getInt(4));
                    if (isOther(owner, image)) return earlier(owner, candidate, distance);
                }
            }
        }
        return null;
    }

    // an image saved before its size was kept (a ledger of an earlier version) has its header read now; null when its
    // file went meanwhile
    private static Earlier earlier(Hashed owner, long hash, int distance) {
        Path file = Path.of(owner.file());
        int[] size = owner.width() > 0 && owner.height() > 0 ? new int[] {owner.width(), owner.height()}
                : PixelSize.of(file);
        if (size == null) size = new int[2]; // not known: smaller than any image whose size is
        try {
            return new Earlier(new Image(owner.url(), owner.file(), hash, size[0], size[1], Files.size(file)),
                    distance, false);
        } catch (IOException e) {
            return null;
        }
    }

    // another link's image, not this one's earlier body (its file is the same), still on disk and not on its way out
    private boolean isOther(Hashed owner, Image image) {
        if (owner.url().equals(image.url()) || owner.file().equals(image.file())) return false;
        synchronized (losing) {
            if (losing.containsKey(owner.url())) return false;
        }
        return Files.isRegularFile(Path.of(owner.file()), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Records that the link's file was removed, and why (a near-duplicate, an image that does not decode): the next
     * run asks for it only if it changed ({@link #lookup} hands out its validators and the reason), or, without a
     * validator to ask with, keeps it skipped; a new body of it is saved and judged again.
     */
    @Override
    public void notKept(String url, String reason) throws SQLException, InterruptedException {
        Image lost;
        synchronized (losing) {
            lost = losing.remove(url);
        }
        Long hash = lost == null ? null : lost.hash();
        if (lost == null) { // not chosen by a look (an image that does not decode has no hash at all)
            synchronized (recentHashes) {
                for (var held = recentHashes.entrySet().iterator(); held.hasNext(); ) {
                    var entry = held.next();
                    if (!entry.getValue().url().equals(url)) continue;
                    hash = entry.getKey();
                    held.remove();
                }
            }
            // a dropped image leaves the near index: no later look compares with it, nor asks the database about it
            // (a shared ledger's nodes forget it when they read its row, the hash kept with the reason)
            if (hash != null && !isShared()) near.remove(hash);
        }
        String why = NetworkText.shorten(reason, 1000);
        synchronized (droppedLately) {
            droppedLately.put(url, why);
        }
        LedgerWriter.Mark mark = new LedgerWriter.Mark(url, hash, lost == null ? null : lost.width(),
                lost == null ? null : lost.height(), why);
        if (isShared()) writer.writeNow(mark);
        else writer.add(mark);
    }

    // a local ledger: whether the last runner stopped cleanly, and the filters of what it holds, filled on a thread of
    // their own (a shared ledger is written by other nodes too: it is always asked)
    private void index() throws SQLException, IOException {
        long rows = count();
        Path mark = cleanMark();
        cleanStart = Files.isRegularFile(mark, LinkOption.NOFOLLOW_LINKS) && Files.size(mark) < 32
                && Files.readString(mark).trim().equals(Long.toString(rows));
        Files.deleteIfExists(mark);
        seenUrls = new SeenKeys(2 * rows + 100_000);
        seenContent = new SeenKeys(2 * rows + 100_000);
        Thread filling = new Thread(this::fill, "ledger-index");
        filling.setDaemon(true);
        filling.start();
    }

    private long count() throws SQLException {
        try (Connection db = pool.getConnection(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM saved")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private void fill() {
        try (Connection db = pool.getConnection(); Statement sql = db.createStatement()) {
            sql.setFetchSize(1000);
            try (ResultSet rows = sql.executeQuery("SELECT url FROM saved")) {
                while (rows.next()) seenUrls.add(rows.getString(1));
            }
            try (ResultSet rows = sql.executeQuery("SELECT fingerprint FROM content")) {
                while (rows.next()) seenContent.add(rows.getString(1));
            }
            seenUrls.filled();
            seenContent.filled();
        } catch (SQLException e) { // every lookup goes to the database, as without the filters
            LOG.warn("Could not read the ledger's links ahead (each is looked up instead): {}", e.toString());
        }
    }

    /** How many image hashes near-duplicates are looked for among (tests ask). */
    int nearCount() {
        return near.size();
    }

    /** True once the ledger's links are known ahead: a link never seen then costs no query (tests wait for it). */
    boolean indexed() {
        return seenUrls != null && seenUrls.isFilled() && seenContent.isFilled();
    }

    // next to the database file, in its private folder: the count of links the last runner left, every one recorded
    private Path cleanMark() {
        return Path.of(file + ".clean").toAbsolutePath();
    }

    /** Writes every record made so far; a run does this at its end, so the next one finds them all. */
    public void flush() throws InterruptedException {
        if (writer != null) writer.flush();
    }

    /** Closes the ledger, its records written; the runner does this when it stops. */
    public void close() throws InterruptedException, IOException {
        long rows = -1;
        try {
            if (writer != null) writer.close();
            if (writer != null && !writer.lostAny() && !isShared()) rows = count();
        } catch (SQLException e) {
            // not known to be whole (rows stays -1): the next runner looks for unrecorded files, as after a crash
        } finally {
            if (pool != null) pool.close();
        }
        if (!isShared() && rows >= 0) {
            PrivateFiles.create(cleanMark());
            Files.writeString(cleanMark(), Long.toString(rows));
        }
        if (!isShared()) seal(false);
    }

    // the ledger's folder (created 0700) and H2's files of it (0600: the database, made empty so that H2 never creates
    // it with the umask's permissions; a trace or lock file H2 made since, within the private folder)
    private void seal(boolean opening) throws IOException {
        Path database = Path.of(file).toAbsolutePath();
        PrivateFiles.folder(database.getParent());
        if (opening) PrivateFiles.create(Path.of(database + ".mv.db"));
        PrivateFiles.seal(database.getParent(), database.getFileName() + ".");
    }

    /**
     * The link's earlier save, when its file is still there (or was removed on purpose: its reason is given), else
     * null. A file of the link's own name that the ledger does not know (the runner was killed between saving and
     * recording it) is recorded now, without validators: it is kept and not fetched again. After a clean stop, when no
     * file can lack its record, such files are not looked for.
     */
    public Known lookup(@ExchangeProperty("imageUrl") String url) throws SQLException, IOException,
            InterruptedException {
        // never seen: no query; and after a clean stop no file can lack its record, so no file is looked for either
        if (seenUrls != null && !seenUrls.mayHold(url)) return cleanStart ? null : adopt(url);
        try (Connection db = pool.getConnection(); PreparedStatement find = db.prepareStatement(
                "SELECT file, etag, last_modified, dropped, copy_of FROM saved WHERE url = ?")) {
            find.setString(1, url);
            try (ResultSet saved = find.executeQuery()) {
                if (!saved.next()) return adopt(url);
                // removed on purpose: asked for only if it changed, as if it were there (removed lately: its record
                // may still be on its way)
                String dropped = saved.getString(4);
                if (dropped == null) {
                    synchronized (droppedLately) {
                        dropped = droppedLately.get(url);
                    }
                }
                String file = saved.getString(1);
                if (dropped != null) return new Known(file, saved.getString(2), saved.getString(3), dropped);
                if (!Files.isRegularFile(Path.of(file), LinkOption.NOFOLLOW_LINKS)) return null;
                return new Known(file, saved.getString(2), saved.getString(3), null, saved.getString(5));
            }
        }
    }

    /**
     * What became of a link of the running harvest that a worker did already, told from the ledger without asking the
     * server again: its job came back after its worker died, perhaps before the job's answer left. Saved, when the
     * ledger holds the link's own bytes written since the run began; skipped as a copy, when they are another link's;
     * else skipped (with the file to thumbnail, if one is missing).
     */
    public Outcome doneBefore(@ExchangeProperty("imageUrl") String url, @ExchangeProperty("runBegan") Instant runBegan)
            throws SQLException, IOException {
        String reason = "done before its job came back";
        try (Connection db = pool.getConnection();
                PreparedStatement find = db.prepareStatement("SELECT s.file, c.url FROM saved s"
                        + " LEFT JOIN content c ON c.fingerprint = s.fingerprint WHERE s.url = ?")) {
            find.setString(1, url);
            try (ResultSet saved = find.executeQuery()) {
                if (!saved.next() || !Files.isRegularFile(Path.of(saved.getString(1)), LinkOption.NOFOLLOW_LINKS)) {
                    return Outcome.skipped(url, reason);
                }
                String owner = saved.getString(2);
                if (owner != null && !owner.equals(url)) return Outcome.skipped(url, "same bytes as " + owner);
                return Outcome.alreadySaved(url, saved.getString(1), reason, runBegan);
            }
        }
    }

    /** True when the ledger holds the link, its file still there (a source's stopAfterKnown counts these). */
    public boolean knows(String url) {
        try {
            return lookup(url) != null;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the ledger cannot be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True for a link saved before whose server gave no validator to ask with: its file is kept as it is. */
    public boolean keepsAsIs(@ExchangeProperty("known") Known known) {
        return known != null && !known.askable();
    }

    // a stat per possible name: cheap, and only for links the ledger has never seen
    private Known adopt(String url) throws SQLException, IOException, InterruptedException {
        for (String name : NAMER.possibleNames(url)) {
            Path saved = downloadDir.resolve(name);
            // (java.io.File first: it answers "not there" without the exception a java.nio.file check makes and drops,
            // once for each of the names a never-seen link might have)
            if (saved.toFile().isFile() && Files.isRegularFile(saved, LinkOption.NOFOLLOW_LINKS)) { // never a link
                record(url, saved.toString(), null, null, null);
                return new Known(saved.toString(), null, null);
            }
        }
        return null;
    }

    /**
     * Records the image just saved (the file endpoint's {@code CamelFileNameProduced}, and the response's ETag and
     * Last-Modified, quotes kept) and returns what became of its link: saved, or, when the same bytes were saved before
     * from another URL and that file is still there, skipped as a copy (this one deleted): its record names that link
     * as the file's owner, so that nothing this link does later writes over or removes the owner's file.
     */
    public Outcome record(@ExchangeProperty("imageUrl") String url, Message saved)
            throws IOException, SQLException, InterruptedException {
        // the body the file endpoint just wrote fingerprinted the bytes on their way to disk
        String fingerprint = saved.getBody() instanceof BoundedBody body ? body.fingerprint() : null;
        String file = saved.getHeader(FileConstants.FILE_NAME_PRODUCED, String.class);
        String duplicateOf = record(url, file, fingerprint, saved.getHeader("ETag", String.class),
                saved.getHeader("Last-Modified", String.class));
        return Outcome.saved(url, file, duplicateOf);
    }

    String record(String url, String savedFile, String known, String etag, String lastModified)
            throws IOException, SQLException, InterruptedException {
        String fingerprint = known != null ? known : Fingerprint.of(Path.of(savedFile));
        synchronized (droppedLately) { // a new body: kept until it is judged
            droppedLately.remove(url);
        }
        Owner mine = new Owner(url, savedFile);
        Owner before;
        synchronized (recentOwners) {
            before = recentOwners.putIfAbsent(fingerprint, mine);
        }
        LedgerWriter.Claim claim = LedgerWriter.Claim.NONE;
        if (before == null) { // not saved lately by this runner: perhaps in an earlier run, or by another node
            before = seenContent != null && !seenContent.mayHold(fingerprint) ? null : owner(fingerprint);
            if (before == null) claim = LedgerWriter.Claim.NEW;
        }
        Owner owner = mine;
        if (before != null && !before.file().equals(savedFile)) {
            Path first = Path.of(before.file());
            if (!Files.isRegularFile(first, LinkOption.NOFOLLOW_LINKS)) {
                claim = LedgerWriter.Claim.TAKE_OVER; // its file has gone since: this one takes over
            } else if (Files.mismatch(first, Path.of(savedFile)) == -1L) {
                owner = before; // the same bytes: this copy goes
            } // (same fingerprint, other bytes: both kept, the first keeps the entry)
        }
        synchronized (recentOwners) {
            recentOwners.put(fingerprint, claim == LedgerWriter.Claim.NONE && before != null ? before : mine);
        }
        if (!owner.file().equals(savedFile)) Files.deleteIfExists(Path.of(savedFile));
        // a copy's record names the link that owns the file: never this link's to write over or remove
        LedgerWriter.Entry entry = new LedgerWriter.Entry(url, owner.file(), etag, lastModified, fingerprint, claim,
                owner == mine ? null : owner.url());
        if (seenUrls != null) {
            seenUrls.add(url);
            seenContent.add(fingerprint);
        }
        // a shared ledger (scale out) is written at once: a redelivered job on another node must find the record
        if (isShared()) writer.writeNow(entry);
        else writer.add(entry);
        return owner.url().equals(url) ? null : owner.url();
    }

    /** The URL whose file holds a set of bytes. */
    private record Owner(String url, String file) {
    }

    /** An image hashed lately: its link, its own file and its size in pixels (0: not known). */
    private record Hashed(String url, String file, int width, int height) {
    }

    // the owner the database knows for these bytes, or null
    private Owner owner(String fingerprint) throws SQLException {
        try (Connection db = pool.getConnection();
                PreparedStatement find = db.prepareStatement("SELECT url, file FROM content WHERE fingerprint = ?")) {
            find.setString(1, fingerprint);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? new Owner(row.getString(1), row.getString(2)) : null;
            }
        }
    }
}
