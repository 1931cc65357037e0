package io.trailhound.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a stream (split at {@code \n}, a trailing {@code \r} dropped), each at most {@code maxBytes}
 * long and strictly UTF-8: a longer line is skipped to its end without being kept, and a line that is not
 * UTF-8 is reported with the position of its first bad byte, instead of being read with replacement
 * characters.
 */
final class BoundedLines {
    /** One line: its text, or why it cannot be read. */
    record Line(String text, String problem) {}

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private boolean ended;
    private boolean lastCut;

    BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** True when the line last returned ended with the stream rather than with a newline (it may be cut short). */
    boolean lastWasCut() {
        return lastCut;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        if (ended) {
            return null;
        }
        line.reset();
        long length = 0;
        boolean newline = false;
        while (!newline) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    ended = true;
                    break;
                }
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            if (length + n <= maxBytes) {
                line.write(buffer, start, n); // beyond the cap: counted, never kept
            }
            length += n;
            if (pos < limit) { // at the newline
                pos++;
                newline = true;
            }
        }
        if (ended && length == 0 && !newline) {
            return null;
        }
        lastCut = !newline;
        if (length > maxBytes) {
            return new Line(
                    null,
                    "is longer than " + (maxBytes >> 20) + " MiB (" + length
                            + " bytes; a CloudTrail event is at most 256 KB)");
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        ByteBuffer input = ByteBuffer.wrap(bytes, 0, n);
        CharBuffer out = CharBuffer.allocate(n);
        CoderResult result = utf8.reset().decode(input, out, true);
        if (result.isError()) {
            return new Line(null, "is not valid UTF-8 (byte " + (input.position() + 1) + " of the line)");
        }
        utf8.flush(out);
        return new Line(out.flip().toString(), null);
    }
}
