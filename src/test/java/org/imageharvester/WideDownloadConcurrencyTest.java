package org.imageharvester;

/** More downloads in flight than the HTTP client's default of 20 connections per host. */
class WideDownloadConcurrencyTest extends DownloadConcurrencyTest {

    @Override
    int pool() {
        return 24;
    }
}
