package io.trailhound.evidence;

import com.fasterxml.jackson.databind.JsonNode;

/** Sees every record an offline scan reads, in or out of the window (called from several threads). */
public interface RecordObserver {
    void record(JsonNode record);

    /** Every file was read to its end. */
    void allRead();

    RecordObserver NONE = new RecordObserver() {
        @Override
        public void record(JsonNode record) {}

        @Override
        public void allRead() {}
    };
}
