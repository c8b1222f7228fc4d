package org.imageharvester.runner;

import java.io.File;
import java.io.FileFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.report.RunGate;

/**
 * What live route reload ({@code camel.main.routes-reload-enabled}) does when a route file is saved, in place of
 * Camel's own reload, which removes every route at once, in-flight harvest and all, and leaves none when the edit is
 * broken. Here the edit waits for the running harvest to end (no new one begins meanwhile), then the routes of all
 * route files are made again from their new text; when that fails (invalid YAML, an unknown pool, a bad placeholder)
 * the error is logged and the routes are made again from the last text that worked, so the runner always has routes.
 * Files that define no routes, only beans ({@code state.camel.yaml}: the report, the ledger, the embedded broker) are
 * left as they are.
 */
public final class RouteReload {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReload.class);
    // editors save in several steps (a temporary file, a rename, a write): one apply after the last of them
    private static final long SETTLE_MILLIS = 500;
    private static final long IDLE_POLL_MILLIS = 200;
    // a file that defines routes (even ones its role does not start) rather than only beans
    private static final Pattern ROUTES = Pattern.compile("(?m)^- (route|routeConfiguration|routeTemplate|rest|from):");

    private final CamelContext camelContext;
    private final RunGate gate;
    private final Path folder;
    private final FileFilter routeFiles;
    private final Set<Path> stateFiles = new TreeSet<>();
    private final ExecutorService applier;
    private final AtomicBoolean queued = new AtomicBoolean();
    private Map<Path, String> working;

    private final boolean scaleOut;

    private RouteReload(CamelContext camelContext, RunGate gate, Path folder, FileFilter routeFiles, boolean scaleOut) {
        this.camelContext = camelContext;
        this.gate = gate;
        this.scaleOut = scaleOut;
        this.folder = folder.toAbsolutePath().normalize();
        this.routeFiles = routeFiles;
        this.applier = camelContext.getExecutorServiceManager().newSingleThreadExecutor(this, "RouteReload");
    }

    /**
     * Takes over from Camel's reload, when it is on: from now on a saved route file is applied by this class. Call
     * once the routes have started (their files are then the last text that worked).
     *
     * @param gate the run's gate: an edit waits for the running harvest, and no new one begins meanwhile
     * @param once true for a {@code --once} run, whose routes are never replaced
     * @param scaleOut true for a scheduler or a worker, which has the route files of {@code routes/scale-out} too
     */
    public static void install(CamelContext camelContext, RunGate gate, boolean once, boolean scaleOut)
            throws IOException {
        RouteWatcherReloadStrategy watcher = camelContext.hasService(RouteWatcherReloadStrategy.class);
        if (watcher == null) return;
        if (once) {
            watcher.setResourceReload((name, resource) -> LOG.info("{} changed; a --once run keeps its routes", name));
            return;
        }
        RouteReload reload = new RouteReload(camelContext, gate, Path.of(watcher.getFolder()), watcher.getFileFilter(),
                scaleOut);
        reload.working = reload.read();
        reload.working.forEach((file, text) -> {
            if (!ROUTES.matcher(text).find()) reload.stateFiles.add(file);
        });
        reload.working.keySet().removeAll(reload.stateFiles);
        watcher.setResourceReload((name, resource) -> reload.changed(reload.path(name)));
    }

    private Path path(String location) {
        String name = location.startsWith("file:") ? location.substring("file:".length()) : location;
        Path file = Path.of(name);
        return (file.isAbsolute() ? file : Path.of("").toAbsolutePath().resolve(file)).normalize();
    }

    private void changed(Path file) {
        if (stateFiles.contains(file)) {
            LOG.warn("{} changed: it holds no routes, only the runner's state (report, ledger, broker); the change "
                    + "takes effect"
                    + " at the next start", file.getFileName());
            return;
        }
        LOG.info("Route file {} changed: applying it {}", file.getFileName(),
                gate.isRunning() ? "once the running harvest finishes" : "now");
        if (queued.compareAndSet(false, true)) applier.submit(this::apply);
    }

    private void apply() {
        try {
            gate.holdRuns();
            Thread.sleep(SETTLE_MILLIS);
            while (gate.isRunning()) Thread.sleep(IDLE_POLL_MILLIS);
            queued.set(false); // a save from now on is applied after this one
            Map<Path, String> edited = read();
            edited.keySet().removeAll(stateFiles);
            if (edited.equals(working)) {
                LOG.info("Route files unchanged since they were last applied");
                return;
            }
            try {
                load(edited);
                working = edited;
                LOG.info("Routes reloaded: {} routes from {}", camelContext.getRoutes().size(), names(edited));
            } catch (Exception e) {
                LOG.error("Could not apply the edited route files, the previous routes keep running: {}", reason(e));
                try {
                    load(working);
                    LOG.info("Routes restored: {} routes as they were", camelContext.getRoutes().size());
                } catch (Exception again) {
                    LOG.error("Could not restore the previous routes either: {}", reason(again), again);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not read the route files in {}, the routes are unchanged: {}", folder, e.toString());
        } finally {
            gate.releaseRuns();
        }
    }

    // the route files' text now, by file; the files named by Camel's route reload settings (folder and pattern), and
    // on a scheduler or a worker those of its scale-out folder
    private Map<Path, String> read() throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        List<Path> sorted = list(folder);
        if (scaleOut) sorted.addAll(list(folder.resolve("scale-out")));
        for (Path file : sorted) files.put(file, Files.readString(file, StandardCharsets.UTF_8));
        return files;
    }

    private List<Path> list(Path dir) throws IOException {
        File[] listed = dir.toFile().listFiles(file -> file.isFile() && routeFiles.accept(file));
        if (listed == null) throw new IOException("not a folder: " + dir);
        List<Path> sorted = new ArrayList<>();
        for (File file : listed) sorted.add(file.toPath().toAbsolutePath().normalize());
        sorted.sort(null);
        return sorted;
    }

    // replaces every route (and the beans of the route files) with those of the given text
    private void load(Map<Path, String> files) throws Exception {
        camelContext.getRouteController().removeAllRoutes();
        camelContext.removeEndpoints("*"); // an endpoint keeps its options (connections, timeouts) until removed
        List<Resource> resources = new ArrayList<>();
        files.forEach((file, text) -> resources.add(ResourceHelper.fromString("file:" + file, text)));
        PluginHelper.getRoutesLoader(camelContext).updateRoutes(resources);
    }

    private static String names(Map<Path, String> files) {
        List<String> names = new ArrayList<>();
        files.keySet().forEach(file -> names.add(file.getFileName().toString()));
        return String.join(", ", names);
    }

    // which route or file, and the innermost cause: what the user has to fix
    private static String reason(Throwable e) {
        String where = e instanceof FailedToCreateRouteException failed ? "route " + failed.getRouteId() + ": " : "";
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (where.isEmpty() && root.getCause() instanceof FailedToCreateRouteException failed) {
                where = "route " + failed.getRouteId() + ": ";
            }
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return where + message.replaceAll("\\s*\\n\\s*", " "); // a YAML error spans lines: one log line
    }
}
