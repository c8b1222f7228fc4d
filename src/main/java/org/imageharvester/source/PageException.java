package org.imageharvester.source;

import java.io.IOException;

/** A page of a listing after the first that could not be read, or named a next page the harvester does not follow. */
public final class PageException extends IOException {

    PageException(String message) {
        super(message);
    }
}
