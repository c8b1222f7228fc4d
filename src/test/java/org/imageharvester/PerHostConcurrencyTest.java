package org.imageharvester;

/** A listing on one host gets at most download.perHostConcurrency requests in flight, however large the pool. */
class PerHostConcurrencyTest extends DownloadConcurrencyTest {

    @Override
    int pool() {
        return 8;
    }

    @Override
    int perHost() {
        return 3;
    }
}
