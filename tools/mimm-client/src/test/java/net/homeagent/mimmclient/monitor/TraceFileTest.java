package net.homeagent.mimmclient.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.RateLimitedLog;

class TraceFileTest {

    private final Counters counters = new Counters();
    private final TraceFile traces = new TraceFile(counters, new RateLimitedLog(System.getLogger("test"),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));

    @Test
    void linesOfOneTimeAreOneObservation() {
        Trace trace = traces.read(List.of("# recorded on the bench", TraceFile.HEADER,
                "0,wlan0,-60,1", "0,wwan0,-85,true", "", "500,wlan0,-61,0", "500,wwan0,-84,false"));
        assertThat(trace.malformedLines()).isZero();
        assertThat(trace.observations()).containsExactly(
                new Observation(Instant.ofEpochMilli(0),
                        List.of(new LinkSample("wlan0", -60, true), new LinkSample("wwan0", -85, true))),
                new Observation(Instant.ofEpochMilli(500),
                        List.of(new LinkSample("wlan0", -61, false), new LinkSample("wwan0", -84, false))));
    }

    @Test
    void malformedLinesAreSkippedAndCounted() {
        Trace trace = traces.read(List.of(
                "100,wlan0,-60,1",
                "100,wlan0,-60",          // 3 fields
                "x,wlan0,-60,1",          // time not a number
                "50,wlan0,-60,1",         // back in time
                "100,,-60,1",             // no interface
                "100,wlan0,-200,1",       // signal out of range
                "100,wlan0,-60,maybe",    // link state
                "-5,wlan0,-60,1",         // negative time
                "200,wlan0,-70,0"));
        assertThat(trace.malformedLines()).isEqualTo(7);
        assertThat(counters.get(TraceFile.MALFORMED)).isEqualTo(7);
        assertThat(trace.observations()).extracting(o -> o.links().get(0).signalDbm()).containsExactly(-60, -70);
    }

    @Test
    void writesWhatItReads() throws Exception {
        Trace trace = new Trace(List.of(
                new Observation(Instant.ofEpochMilli(1000), List.of(new LinkSample("a", -50, true))),
                new Observation(Instant.ofEpochMilli(1250), List.of(new LinkSample("a", -128, false)))), 0);
        StringWriter out = new StringWriter();
        TraceFile.write(trace, out);
        assertThat(out.toString()).isEqualTo(TraceFile.HEADER + "\n0,a,-50,1\n250,a,-128,0\n");
        Trace again = traces.read(out.toString().lines().toList());
        assertThat(again.observations()).extracting(o -> o.links()).containsExactly(
                trace.observations().get(0).links(), trace.observations().get(1).links());
    }
}
