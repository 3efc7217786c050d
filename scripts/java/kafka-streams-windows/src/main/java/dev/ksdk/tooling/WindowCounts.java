package dev.ksdk.tooling;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Kafka Streams' answer for ksdk's differential window test: reads the input topic
 * (String keys, values ignored, the record timestamp as event time), groups by key and
 * counts in tumbling, hopping and session windows with grace. Each window kind is counted
 * twice, as the ksdk app does: once writing every update (the table), once suppressed
 * until the window closes (final results only).
 *
 * Output records: key = the group key, value = JSON {"key","windowStart","windowEnd","value"}
 * (the layout ksdk's WindowedTable.to() writes; a merged-away session is written with
 * "value": null). Topics: PREFIX + tumbling | hopping | sessions, each also with "-final".
 *
 * Record caches are off (statestore.cache.max.bytes=0): with caching, which sessions a
 * record merges with depends on when the cache was last flushed (CachingSessionStore
 * finds cached sessions past the store's retention), and the comparison needs Kafka
 * Streams' deterministic answer.
 *
 * Protocol: prints {"event":"running"} once the app runs; on a "stop" line or the end of
 * stdin prints {"event":"stopped","droppedRecords":N} (the sum of the task-level
 * dropped-records-total metric) and exits 0. Logs (WARN and up) go to stderr.
 *
 * Arguments (all required): --bootstrap=HOST:PORT --input=TOPIC --application-id=ID
 *   --output-prefix=P --state-dir=DIR --tumbling=SIZE,GRACE --hopping=SIZE,ADVANCE,GRACE
 *   --session=GAP,GRACE (all in ms).
 */
public final class WindowCounts {
  private WindowCounts() {}

  public static void main(final String[] args) throws Exception {
    final Map<String, String> opts = parse(args);
    final long[] tumbling = millis(opts, "tumbling", 2);
    final long[] hopping = millis(opts, "hopping", 3);
    final long[] session = millis(opts, "session", 2);
    final String prefix = required(opts, "output-prefix");

    final StreamsBuilder builder = new StreamsBuilder();
    final KGroupedStream<String, String> grouped = builder
        .stream(required(opts, "input"), Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey();

    final TimeWindows tumblingWindows = TimeWindows.ofSizeAndGrace(Duration.ofMillis(tumbling[0]), Duration.ofMillis(tumbling[1]));
    final TimeWindows hoppingWindows = TimeWindows.ofSizeAndGrace(Duration.ofMillis(hopping[0]), Duration.ofMillis(hopping[2]))
        .advanceBy(Duration.ofMillis(hopping[1]));
    final SessionWindows sessionWindows = SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(session[0]), Duration.ofMillis(session[1]));

    for (final String kind : new String[] {"tumbling", "hopping"}) {
      final TimeWindows windows = kind.equals("tumbling") ? tumblingWindows : hoppingWindows;
      write(grouped.windowedBy(windows).count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(kind)), prefix + kind);
      write(
          grouped.windowedBy(windows)
              .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(kind + "-final"))
              .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())),
          prefix + kind + "-final");
    }
    write(grouped.windowedBy(sessionWindows).count(Materialized.<String, Long, SessionStore<Bytes, byte[]>>as("sessions")), prefix + "sessions");
    write(
        grouped.windowedBy(sessionWindows)
            .count(Materialized.<String, Long, SessionStore<Bytes, byte[]>>as("sessions-final"))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())),
        prefix + "sessions-final");

    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, required(opts, "application-id"));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, required(opts, "bootstrap"));
    props.put(StreamsConfig.STATE_DIR_CONFIG, required(opts, "state-dir"));
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");

    final KafkaStreams streams = new KafkaStreams(builder.build(), props);
    streams.setUncaughtExceptionHandler(error -> {
      System.out.println("{\"event\":\"error\",\"message\":" + json(String.valueOf(error)) + "}");
      System.out.flush();
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.setStateListener((next, previous) -> {
      if (next == KafkaStreams.State.RUNNING && previous == KafkaStreams.State.REBALANCING) {
        System.out.println("{\"event\":\"running\"}");
        System.out.flush();
      }
    });
    streams.cleanUp();
    streams.start();

    final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = stdin.readLine(); line != null && !line.trim().equals("stop"); line = stdin.readLine()) {
      // Only "stop" (or the end of input) means anything.
    }
    double dropped = 0;
    for (final var metric : streams.metrics().values()) {
      if (metric.metricName().group().equals("stream-task-metrics") && metric.metricName().name().equals("dropped-records-total")) {
        dropped += ((Number) metric.metricValue()).doubleValue();
      }
    }
    streams.close(Duration.ofSeconds(30));
    streams.cleanUp();
    System.out.println("{\"event\":\"stopped\",\"droppedRecords\":" + (long) dropped + "}");
    System.out.flush();
  }

  private static void write(final KTable<Windowed<String>, Long> table, final String topic) {
    table.toStream()
        .map((windowed, count) -> KeyValue.pair(windowed.key(), row(windowed, count)))
        .to(topic, Produced.with(Serdes.String(), Serdes.String()));
  }

  private static String row(final Windowed<String> windowed, final Long count) {
    return "{\"key\":" + json(windowed.key())
        + ",\"windowStart\":" + windowed.window().start()
        + ",\"windowEnd\":" + windowed.window().end()
        + ",\"value\":" + (count == null ? "null" : count.toString()) + "}";
  }

  private static String json(final String text) {
    final StringBuilder out = new StringBuilder("\"");
    for (final char c : text.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }

  private static Map<String, String> parse(final String[] args) {
    final Map<String, String> opts = new HashMap<>();
    for (final String arg : args) {
      final int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) throw new IllegalArgumentException("expected --name=value, got " + arg);
      opts.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return opts;
  }

  private static String required(final Map<String, String> opts, final String name) {
    final String value = opts.get(name);
    if (value == null || value.isEmpty()) throw new IllegalArgumentException("missing --" + name);
    return value;
  }

  private static long[] millis(final Map<String, String> opts, final String name, final int count) {
    final String[] parts = required(opts, name).split(",");
    if (parts.length != count) throw new IllegalArgumentException("--" + name + " takes " + count + " numbers");
    final long[] values = new long[count];
    for (int i = 0; i < count; i++) values[i] = Long.parseLong(parts[i].trim());
    return values;
  }
}
