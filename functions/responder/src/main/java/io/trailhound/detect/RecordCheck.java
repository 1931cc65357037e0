package io.trailhound.detect;

import io.trailhound.aws.Regions;
import io.trailhound.config.Arn;
import io.trailhound.evidence.TrailEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Fields of a matching record that are not what they claim: a Region that is blank or not an AWS Region,
 * or a caller ARN that is not a well-formed ARN. Such a record is still evidence (it matched the filter),
 * but it is reported as damaged, and its resource is never looked up or acted on: nothing it names reaches
 * an SDK call.
 */
public final class RecordCheck {
    private RecordCheck() {}

    /** What is wrong with the record {@code f} was made from; empty when nothing is. */
    public static List<String> problems(TrailEvent e, Finding f) {
        List<String> out = new ArrayList<>();
        if (f.resource().type() != ResourceType.NONE
                && !Regions.isKnown(f.resource().region())) {
            out.add("awsRegion '" + f.resource().region() + "' is not an AWS Region");
        }
        String arn = e.text("userIdentity", "arn");
        if (arn != null && !wellFormed(arn)) {
            out.add("userIdentity.arn '" + arn + "' is not a well-formed ARN");
        }
        return out;
    }

    /** True when the resource this finding names may be looked up in AWS. */
    public static boolean resourceUsable(Finding f) {
        return f.resource().type() != ResourceType.NONE
                && f.resource().id() != null
                && !f.resource().id().isBlank()
                && Regions.isKnown(f.resource().region());
    }

    private static boolean wellFormed(String arn) {
        return Arn.parse(arn)
                .map(a -> !a.partition().isEmpty()
                        && !a.service().isEmpty()
                        && !a.resource().isEmpty()
                        && !a.resource().endsWith("/"))
                .orElse(false);
    }
}
