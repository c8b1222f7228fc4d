import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.imageharvester.thumbnail.Thumbnailer;

/**
 * The thumbnail stage alone: the harvester's own Thumbnailer bean over every image of a folder on THREADS threads
 * (default one per core), as thumbnailPool runs it, ROUNDS times (default 1) in the same JVM: the first round is
 * what a fresh {@code --once} process sees, the later ones what a runner that stays up sees. Prints each round's time.
 *
 *   java -cp target/image-harvester.jar bench/ThumbnailStage.java IMAGE_DIR OUT_DIR [THREADS] [ROUNDS]
 */
public class ThumbnailStage {
    public static void main(String[] args) throws Exception {
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        Thumbnailer thumbnailer = new Thumbnailer(args[1], 128, 128, "same");
        thumbnailer.setLibjpegTurbo(!"false".equals(System.getProperty("thumbnail.libjpegTurbo")));
        thumbnailer.setLibheif(!"false".equals(System.getProperty("thumbnail.libheif")));
        // the shipped thumbnail.maxPixels and thumbnail.decodeMemory (application.properties)
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);
        List<Path> images;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            images = files.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|gif|webp|avif)$")).sorted().toList();
        }
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            List<Future<Path>> done = images.stream().map(p ->
                    pool.submit(() -> thumbnailer.thumbnail(p.toString()))).toList();
            for (Future<Path> f : done) f.get();
            System.out.printf("harvester round %d: %d thumbnails in %.3f s%n", round, images.size(),
                    (System.nanoTime() - start) / 1e9);
        }
        pool.shutdown();
    }
}
