package io.trailhound.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Jackson's messages without the source dump: the reason, then where. */
public final class JsonErrors {
    private JsonErrors() {}

    public static String describe(Exception e) {
        if (e instanceof JsonProcessingException j) {
            String reason = j.getOriginalMessage();
            int cut = reason.indexOf(" (start marker at");
            if (cut > 0) {
                reason = reason.substring(0, cut);
            }
            cut = reason.indexOf(" at [Source:");
            if (cut > 0) {
                reason = reason.substring(0, cut);
            }
            reason = reason.lines().findFirst().orElse(reason);
            JsonLocation at = j.getLocation();
            return at == null || at.getLineNr() < 0
                    ? reason
                    : reason + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replaceAll("\\s+", " ");
    }
}
