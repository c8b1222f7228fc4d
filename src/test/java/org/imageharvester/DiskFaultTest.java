package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.util.Properties;

import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.junit.jupiter.api.Test;

import org.imageharvester.download.BrokenImageException;
import org.imageharvester.download.RejectedDownloadException;
import org.imageharvester.download.StorageFault;
import org.imageharvester.report.HarvestSummary;

/** A download folder that cannot take files stops the harvest at the first image, with a clear reason. */
class DiskFaultTest extends HarvesterTestSupport {

    @Override
    protected void configure(Properties settings) {
        settings.put("download.concurrency", "1");
        // a folder that cannot exist: its parent is a file
        settings.put("download.dir", work.resolve("not-a-folder").resolve("images").toString());
    }

    @Test
    void stops_the_harvest_when_the_folder_cannot_take_files() throws Exception {
        Files.writeString(work.resolve("not-a-folder"), "a file where a folder should be");
        StringBuilder listing = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            server.serve("/d/" + i + ".png", "image/png", TestImages.image("png", 10, 10, i + 1));
            listing.append(server.url("/d/" + i + ".png")).append('\n');
        }
        server.serve("/urls.txt", "text/plain", listing.toString());

        HarvestSummary summary = harvest();

        assertTrue(summary.toString().startsWith("Harvest stopped: cannot write to the download folder"),
                summary.toString());
        assertEquals(1, summary.failed(), summary.toString());
        assertEquals(4, summary.skipped(), "the rest not attempted: " + summary);
        int requests = 0;
        for (int i = 0; i < 5; i++) requests += server.hits("/d/" + i + ".png");
        assertEquals(1, requests, "no request after the disk failed");
        assertTrue(report().get("stoppedBecause").asText().startsWith("cannot write to the download folder"));
    }

    @Test
    void tells_a_full_disk_from_a_bad_image() throws IOException {
        StorageFault fault = new StorageFault();
        fault.setDir(Files.createDirectories(work.resolve("healthy")).toString());
        assertTrue(fault.reason(new GenericFileOperationFailedException("Cannot store file",
                new IOException("No space left on device"))).startsWith("the disk is full or read-only"));
        assertTrue(fault.reason(new IOException("Read-only file system")).startsWith("the disk is full or read-only"));
        assertTrue(fault.reason(new IOException("Disk quota exceeded")).startsWith("the disk is full or read-only"));
        assertEquals(null, fault.reason(new RejectedDownloadException("too large")));
        assertEquals(null, fault.reason(new IOException("Connection reset")));
        // one file's trouble, in a folder that takes files: that image alone fails
        assertEquals(null, fault.reason(new GenericFileOperationFailedException("Cannot write file",
                new FileSystemException("images/x.png", null, "File name too long"))));
        assertEquals(null, fault.reason(new AccessDeniedException("images/x.png")));
        assertEquals(null, fault.reason(new FileAlreadyExistsException("images/.x.png.part")));
        // a server's words quoted in a failure (a Content-Type, a chunk header) are not the disk's
        assertEquals(null, fault.reason(new RejectedDownloadException(
                "not an image: served as 'text/html; x=\"No space left on device\"', and its bytes are an HTML page")));
        assertEquals(null, fault.reason(new GenericFileOperationFailedException("Cannot write file",
                new MalformedChunkCodingException("Bad chunk header: read-only file system"))));
        // a body cut short or corrupt fails its write, even where the folder could not take files: the server's
        fault.setDir(work.resolve("nowhere").resolve("images").toString());
        Files.writeString(work.resolve("nowhere"), "a file where a folder should be");
        assertEquals(null, fault.reason(new GenericFileOperationFailedException("Cannot store file",
                new BrokenImageException("truncated JPEG: the data ends before its end marker"))));
        // the same trouble in a folder that is not one is the disk's
        fault.setDir(work.resolve("not-a-folder").resolve("images").toString());
        Files.writeString(work.resolve("not-a-folder"), "a file where a folder should be");
        assertTrue(fault.reason(new FileSystemException("images/x.png", null, "Not a directory"))
                .startsWith("cannot write to the download folder"));
    }
}
