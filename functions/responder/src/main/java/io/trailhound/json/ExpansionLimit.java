package io.trailhound.json;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Gzip input that may decompress to at most {@link #MAX_EXPANSION} times its compressed size plus 1 MiB, for
 * every gzip Trailhound reads (CloudTrail files, CloudWatch Logs subscription data): a small input that
 * expands past that is refused as a likely decompression bomb before it can fill memory or the time budget.
 */
public final class ExpansionLimit extends FilterInputStream {
    /** CloudTrail's files and CloudWatch Logs' batches compress about 10-20x. */
    public static final int MAX_EXPANSION = 100;

    private static final int ALWAYS_ALLOWED = 1 << 20;

    private final long limit;
    private long read;

    private ExpansionLimit(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** The decompressed stream of {@code gzip}, whose compressed size is {@code compressedBytes}. */
    public static InputStream gunzip(InputStream gzip, long compressedBytes, int bufferSize) throws IOException {
        return new ExpansionLimit(
                new GZIPInputStream(gzip, bufferSize), MAX_EXPANSION * compressedBytes + ALWAYS_ALLOWED);
    }

    /** Thrown by a read once the stream has grown past its limit. */
    public static final class Exceeded extends IOException {
        Exceeded(long limit) {
            super("it decompresses to more than " + MAX_EXPANSION + " times its size (" + (limit >> 20)
                    + " MiB); refused as a likely decompression bomb");
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws IOException {
        read += n;
        if (read > limit) {
            throw new Exceeded(limit);
        }
    }
}
