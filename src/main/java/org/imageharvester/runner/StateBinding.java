package org.imageharvester.runner;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.support.PluginHelper;

/**
 * Binds the beans of {@link HarvestConfiguration} before camel-main reads the route files. Camel's own
 * {@code camel.main.configuration-classes} binds them only after it has made the route files' beans, whose
 * {@code #bean:runGate} and the like would then find nothing.
 */
public final class StateBinding extends MainListenerSupport {

    private static final String NAME = "harvestConfiguration";
    private static final String ROUTES_KEY = "camel.main.routes-include-pattern";

    private final CamelContext context;

    /** Binds into the context of the main it listens to. */
    public StateBinding() {
        this(null);
    }

    /** Binds into the given context (Camel's test main configures a context its listeners are not given). */
    public StateBinding(CamelContext context) {
        this.context = context;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext into = context != null ? context : main.getCamelContext();
        // started where there is no application.properties there are no route files either: nothing refers to the
        // state, and the runner says that it found no routes (rather than naming the first setting it misses)
        if (into.getPropertiesComponent().resolveProperty(ROUTES_KEY).isEmpty()) return;
        HarvestConfiguration configuration = new HarvestConfiguration();
        CamelBeanPostProcessor beans = PluginHelper.getBeanPostProcessor(into);
        try {
            beans.postProcessBeforeInitialization(configuration, NAME);
            beans.postProcessAfterInitialization(configuration, NAME);
            configuration.configure(into);
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind the run's state: " + e.getMessage(), e);
        }
    }
}
