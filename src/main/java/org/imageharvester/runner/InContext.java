package org.imageharvester.runner;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * A bean of the routes that looks up other beans or settings in its Camel context, which Camel gives it when it
 * binds the bean. (A lookup, not a {@code #bean:} reference: YAML files are read in an order that breaks references
 * from one file to a bean of another.)
 */
public abstract class InContext implements CamelContextAware {

    private CamelContext camelContext;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
