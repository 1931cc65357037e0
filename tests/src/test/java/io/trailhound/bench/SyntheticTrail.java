package io.trailhound.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Realistic CloudTrail records for benchmarks: mostly ordinary traffic, a few deletion-window errors. */
public final class SyntheticTrail {
    private SyntheticTrail() {}

    public static List<String> records(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(record(random, i));
        }
        return out;
    }

    static String record(SplittableRandom random, int i) {
        int kind = random.nextInt(100);
        String eventSource;
        String eventName;
        String error = "";
        String params;
        if (kind < 2) {
            eventSource = "secretsmanager.amazonaws.com";
            eventName = "GetSecretValue";
            error =
                    ",\"errorCode\":\"InvalidRequestException\",\"errorMessage\":\"You can't perform this operation on the secret because it was marked for deletion.\"";
            params = "{\"secretId\":\"prod/app/db-" + (i % 7) + "\"}";
        } else if (kind < 40) {
            eventSource = "secretsmanager.amazonaws.com";
            eventName = "GetSecretValue";
            params = "{\"secretId\":\"arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/app/api-" + (i % 13)
                    + "-AbCdEf\"}";
        } else if (kind < 80) {
            eventSource = "kms.amazonaws.com";
            eventName = "Decrypt";
            params =
                    "{\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\",\"encryptionContext\":{\"aws:s3:arn\":\"arn:aws:s3:::bucket-"
                            + (i % 5) + "/key\"}}";
        } else {
            eventSource = "s3.amazonaws.com";
            eventName = "GetObject";
            params = "{\"bucketName\":\"bucket-" + (i % 5) + "\",\"key\":\"data/" + i
                    + ".json\",\"Host\":\"bucket.s3.amazonaws.com\"}";
        }
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLEID:session-"
                + (i % 31)
                + "\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/app-role/session-" + (i % 31)
                + "\",\"accountId\":\"111122223333\",\"accessKeyId\":\"ASIAEXAMPLE" + (i % 97)
                + "\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAEXAMPLEID\",\"arn\":\"arn:aws:iam::111122223333:role/app-role\",\"accountId\":\"111122223333\",\"userName\":\"app-role\"},\"attributes\":{\"creationDate\":\"2026-11-23T09:00:00Z\",\"mfaAuthenticated\":\"false\"}}},"
                + "\"eventTime\":\"2026-11-23T10:" + String.format("%02d:%02d", (i / 60) % 60, i % 60)
                + "Z\",\"eventSource\":\"" + eventSource
                + "\",\"eventName\":\"" + eventName + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113."
                + (i % 250)
                + "\",\"userAgent\":\"aws-sdk-java/2.40.2 Linux/6.1 OpenJDK_64-Bit_Server_VM/21\",\"requestParameters\":"
                + params
                + ",\"responseElements\":null,\"requestID\":\"" + uuid(random) + "\",\"eventID\":\"" + uuid(random)
                + "\",\"readOnly\":true,\"resources\":[{\"accountId\":\"111122223333\",\"type\":\"AWS::KMS::Key\",\"ARN\":\"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}]"
                + ",\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"111122223333\",\"eventCategory\":\"Management\""
                + ",\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\",\"clientProvidedHostHeader\":\""
                + eventSource.replace("amazonaws", "us-east-1.amazonaws") + "\"}"
                + error + "}";
    }

    private static String uuid(SplittableRandom random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }
}
