package io.trailhound.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ExpansionLimitTest {
    static byte[] gzipOfZeros(int mebibytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < mebibytes; i++) {
                z.write(zeros);
            }
        }
        return out.toByteArray();
    }

    @Test
    void withinTheLimitEveryByteIsRead() throws IOException {
        byte[] gzip = gzipOfZeros(1); // 1 MiB: the allowance every input has
        try (InputStream in = ExpansionLimit.gunzip(new ByteArrayInputStream(gzip), gzip.length, 512)) {
            assertThat(in.readAllBytes()).hasSize(1 << 20);
        }
    }

    @Test
    void pastOneHundredTimesItsSizePlusOneMebibyteTheReadFails() throws IOException {
        byte[] gzip = gzipOfZeros(16);
        long limit = ExpansionLimit.MAX_EXPANSION * (long) gzip.length + (1 << 20);
        assertThat(limit).as("16 MiB of zeros compress far better than 100x").isLessThan(16L << 20);
        try (InputStream in = ExpansionLimit.gunzip(new ByteArrayInputStream(gzip), gzip.length, 512)) {
            byte[] buffer = new byte[8192];
            long[] read = {0};
            assertThatThrownBy(() -> {
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            read[0] += n;
                        }
                    })
                    .isInstanceOf(ExpansionLimit.Exceeded.class)
                    .hasMessageContaining("decompresses to more than 100 times its size")
                    .hasMessageContaining("decompression bomb");
            assertThat(read[0]).as("stopped at the limit, not at the end").isLessThanOrEqualTo(limit);
        }
    }
}
