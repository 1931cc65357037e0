package io.trailhound.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.evidence.MetricFilterCatalog;
import io.trailhound.pattern.FilterPattern;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Benchmark (bench/run --only org): one alarm against an organization trail's log group holding the
 * management events of 50 accounts, as calls, pages, events transferred and time. moto ignores JSON filter
 * patterns in FilterLogEvents (it returns every event of the window), so the server-side pre-filter that
 * CloudWatch Logs applies is stood in for by a {@link FaultProxy} that applies the same pattern to moto's
 * page before answering; the baseline, measured in the same run, is the same alarm with no pre-filter
 * (every event of the window is sent to Trailhound, which filters it itself). The account IDs are drawn at
 * random for each run, as moto draws those of the accounts it creates.
 */
public final class OrgScaleBenchmark {
    static final String FILTER_LOG_EVENTS = "Logs_20140328.FilterLogEvents";
    static final int ACCOUNTS = 50;

    private OrgScaleBenchmark() {}

    public static void run(int runs, int eventsPerAccount) throws Exception {
        System.out.println("\nOrganization scale: one alarm, a log group with the events of " + ACCOUNTS + " accounts ("
                + eventsPerAccount + " each; median of " + runs + ")");
        MotoServer moto = new MotoServer();
        moto.beforeAll(null);
        Path dir = Files.createTempDirectory("org-bench");
        try (StandInWorld world = new StandInWorld(moto, dir)) {
            List<String> accounts = new ArrayList<>();
            while (accounts.size() < ACCOUNTS) {
                String id = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 1_000_000_000_000L));
                if (!accounts.contains(id)) {
                    accounts.add(id);
                }
            }
            List<ObjectNode> records = new ArrayList<>();
            int second = 0;
            for (String account : accounts) {
                for (int i = 0; i < eventsPerAccount; i++) {
                    records.add(OrgWorld.inAccount(
                            world.w.record(
                                    (second++ % 240) + 1,
                                    Map.of(
                                            "eventSource", "ec2.amazonaws.com",
                                            "eventName", "DescribeInstances",
                                            "requestParameters", Map.of("maxResults", 1000))),
                            account));
                }
            }
            // One secret read in each of three accounts: the alarm's evidence, lost in everything else.
            for (String account : accounts.subList(0, 3)) {
                records.add(OrgWorld.inAccount(world.w.record(200, World.deletedSecretRead("prod/db")), account));
            }
            for (int from = 0; from < records.size(); from += 1_000) {
                world.w.putEvents(
                        StandInWorld.LOG_GROUP, records.subList(from, Math.min(records.size(), from + 1_000)));
            }
            Path event = world.realAlarm();
            FaultProxy proxy = world.cloudTrail.proxy();
            Result unfiltered = measure(runs, world, event, proxy);
            FilterPattern pattern = FilterPattern.compile(MetricFilterCatalog.SECRET_PATTERN);
            proxy.transform(FILTER_LOG_EVENTS, body -> serverSideFilter(body, pattern));
            Result filtered = measure(runs, world, event, proxy);
            System.out.printf("   %-38s %8s %8s %12s %10s %8s%n", "", "pages", "events", "bytes", "time", "matched");
            print("no pre-filter (baseline)", unfiltered);
            print("server-side pre-filter (CloudWatch Logs)", filtered);
            System.out.printf(
                    "   ratio pre-filter / baseline: %.4fx events, %.4fx bytes, %.2fx pages, %.2fx time%n",
                    (double) filtered.events / unfiltered.events,
                    (double) filtered.bytes / unfiltered.bytes,
                    (double) filtered.pages / unfiltered.pages,
                    filtered.seconds / unfiltered.seconds);
            System.out.println("   calls per alarm with the pre-filter: " + filtered.calls);
        } finally {
            moto.afterAll(null);
        }
    }

    record Result(long pages, long events, long bytes, double seconds, long matched, Map<String, Integer> calls) {}

    private static void print(String name, Result r) {
        System.out.printf(
                "   %-38s %8d %8d %12d %8.3f s %8d%n", name, r.pages, r.events, r.bytes, r.seconds, r.matched);
    }

    /** The median time of {@code runs} alarms, with the FilterLogEvents pages, events and bytes of the last. */
    private static Result measure(int runs, StandInWorld world, Path event, FaultProxy proxy) throws Exception {
        double[] times = new double[runs];
        JsonNode alert = null;
        List<FaultProxy.Call> before = List.of();
        for (int i = 0; i < runs; i++) {
            before = proxy.received();
            long t0 = System.nanoTime();
            alert = world.invoke(event, "REMEDIATION", "off");
            times[i] = (System.nanoTime() - t0) / 1e9;
        }
        List<FaultProxy.Call> last =
                proxy.received().subList(before.size(), proxy.received().size());
        Map<String, Integer> calls = new TreeMap<>();
        last.forEach(c -> calls.merge(c.target(), 1, Integer::sum));
        long events = 0;
        long bytes = 0;
        List<byte[]> pages = proxy.responses(FILTER_LOG_EVENTS);
        for (byte[] body : pages.subList(pages.size() - calls.getOrDefault(FILTER_LOG_EVENTS, 0), pages.size())) {
            bytes += body.length;
            events += World.JSON.readTree(body).path("events").size();
        }
        java.util.Arrays.sort(times);
        return new Result(
                calls.getOrDefault(FILTER_LOG_EVENTS, 0),
                events,
                bytes,
                times[runs / 2],
                alert.at("/counts/matched").asLong(),
                calls);
    }

    /** CloudWatch Logs' behaviour: moto's page with only the events the pattern matches (its nextToken kept). */
    private static byte[] serverSideFilter(byte[] body, FilterPattern pattern) {
        try {
            ObjectNode page = (ObjectNode) World.JSON.readTree(body);
            ArrayNode kept = World.JSON.createArrayNode();
            for (JsonNode e : page.path("events")) {
                if (pattern.matches(e.path("message").asText())) {
                    kept.add(e);
                }
            }
            page.set("events", kept);
            return page.toString().getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
