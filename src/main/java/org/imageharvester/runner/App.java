package org.imageharvester.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imageharvester.report.RunGate;
import org.imageharvester.source.Sources;
import org.imageharvester.thumbnail.Thumbnailer;

/**
 * Starts the harvester from the working directory's {@code application.properties} and {@code routes/}: it stays up and
 * harvests on {@code harvest.cron}, or with {@code --once} harvests now and exits with the run's exit code.
 */
public final class App {

    /** Exit code when the runner could not start (bad settings, bad routes, a missing environment variable). */
    public static final int START_FAILED = 1;

    /** The route files only a scheduler or a worker loads, besides those of camel.main.routes-include-pattern. */
    static final String SCALE_OUT_ROUTES = "file:routes/scale-out/*.camel.yaml";
    private static final String ROUTES_KEY = "camel.main.routes-include-pattern";

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private App() {
    }

    private static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /**
     * Runs the harvester. Flags: {@code --once} harvests now and exits; {@code --demo} serves the bundled demo gallery
     * on 127.0.0.1 and harvests from it; {@code --verbose} logs Camel's start-up summaries too; {@code --create-schema}
     * makes the tables of the database of {@code ledger.url} and exits; {@code --help} prints the usage.
     * {@code -Dkey=value} and {@code --key=value} set a setting; any other argument stops it with exit 1.
     */
    public static void main(String[] args) throws Exception {
        Arguments arguments;
        try {
            arguments = Arguments.of(List.of(args));
        } catch (IllegalArgumentException e) {
            // (Camel main would print its help and exit 0: a cron job would take that for a harvest)
            LOG.error("Harvester could not start: {}", e.getMessage());
            System.exit(START_FAILED);
            return;
        }
        if (arguments.has("--help")) {
            System.out.println(Arguments.USAGE);
            System.exit(0);
        }
        boolean once = arguments.has("--once");
        boolean demo = arguments.has("--demo");
        boolean verbose = arguments.has("--verbose");
        // as JVM -D options: those win over Camel's override properties (a later -D of a key over an earlier one), and
        // SettingsCheck checks them like any other
        arguments.settings().forEach(System::setProperty);
        // the owner's one-off step of a scale-out: the shared database's tables, made with the owner's login
        if (arguments.has("--create-schema")) System.exit(SchemaStep.run());

        // (no main class: Camel would scan its package across the whole shaded jar, 1.5 s of every start-up)
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("file:application.properties;optional=true");
        HarvestExit exit = new HarvestExit(main);
        main.bind("harvestExit", exit);
        main.addOverrideProperty("harvest.once", String.valueOf(once));
        if (verbose) {
            // Camel's own summaries: every setting it applied and every route it started
            main.addOverrideProperty("camel.main.auto-configuration-log-summary", "true");
            main.addOverrideProperty("camel.main.startup-summary-level", "Default");
        }
        // a scale-out node's name unless one is set: answers to a scheduler's jobs come back by it
        main.addInitialProperty("harvest.node", defaultNodeName());
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport configuring) {
                PropertiesComponent settings = configuring.getCamelContext().getPropertiesComponent();
                // before anything prints a setting (--verbose prints them all, values inside a URL unmasked)
                SecretMask.install(SecretValues.of(settings));
                // a misspelt key or a bad value is named before any bean or route is made from it
                SettingsCheck.check(configuring.getCamelContext());
                // the role is chosen once, here: only a scheduler or a worker loads the scale-out routes and beans
                if (!settings.resolveProperty("harvest.role").orElse("standalone").equals("standalone")) {
                    String routes = settings.resolveProperty(ROUTES_KEY).orElse("file:routes/*.camel.yaml");
                    configuring.addOverrideProperty(ROUTES_KEY, routes + "," + SCALE_OUT_ROUTES);
                }
            }

            @Override
            public void afterStart(BaseMainSupport started) {
                // started where there are no routes (the wrong folder), the runner would wait forever doing nothing
                if (started.getCamelContext().getRoutes().isEmpty()) {
                    LOG.error("Harvester could not start: no routes found; run it from the folder that holds"
                            + " application.properties and routes/ (working directory: {})",
                            Path.of("").toAbsolutePath());
                    exit.startFailed();
                    return;
                }
                CamelContext context = started.getCamelContext();
                // the beans the runner's own code needs, by the names routes/ and HarvestConfiguration give them
                Sources sources = context.getRegistry().lookupByNameAndType("sources", Sources.class);
                RunGate gate = context.getRegistry().lookupByNameAndType("runGate", RunGate.class);
                Thumbnailer thumbnailer = context.getRegistry().lookupByNameAndType("thumbnailer", Thumbnailer.class);
                LOG.info("{}", Plan.of(context.getPropertiesComponent(), sources, once,
                        thumbnailer == null ? null : thumbnailer.decoders()));
                try {
                    // with camel.main.routes-reload-enabled: a saved route file is applied between harvests, safely
                    RouteReload.install(context, gate, once,
                            started.configure().getRoutesIncludePattern().contains(SCALE_OUT_ROUTES));
                } catch (IOException e) {
                    LOG.warn("Live route reload is off: cannot read the route files: {}", e.toString());
                }
            }
        });
        // after the settings are checked, before the route files are read: the run's state, which they refer to
        main.addMainListener(new StateBinding());
        DemoGallery gallery = demo ? DemoGallery.start() : null;
        if (gallery != null) {
            gallery.overrideSource(main::addOverrideProperty);
        }
        int code;
        try {
            code = main.run(new String[0]);
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            // the root cause says what to fix (a setting, a variable) in one line; Camel's wrappers only say where
            LOG.error("Harvester could not start: {}", root.getMessage() == null ? root.toString() : root.getMessage());
            LOG.debug("Harvester could not start", e);
            code = START_FAILED;
        } finally {
            if (gallery != null) {
                gallery.stop();
            }
        }
        // camel main reports a failed start-up through its own exit code; a finished --once run through ours
        System.exit(code != 0 ? START_FAILED : exit.code());
    }
}
