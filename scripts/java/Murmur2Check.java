// Apache Kafka's own key placement, for ksdk's placement tests.
//
//   java -cp '<kafka-clients jar>:<slf4j-api jar>' scripts/java/Murmur2Check.java N1 [N2 ...] < keys.hex
//
// Reads one key per line as hex-encoded bytes (so keys may hold any bytes,
// newlines included) and prints, per key, a line:
//   <Utils.murmur2(bytes)> <partition for N1> <partition for N2> ...
// where each partition is BuiltInPartitioner.partitionForKey(bytes, N), which is
// what KafkaProducer uses for a keyed record. The program also checks that
// partitionForKey agrees with Utils.toPositive(Utils.murmur2(bytes)) % N and
// exits with status 3 if it ever does not.
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;

public class Murmur2Check {
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: Murmur2Check N1 [N2 ...] < keys.hex");
      System.exit(2);
    }
    int[] counts = new int[args.length];
    for (int i = 0; i < args.length; i++) counts[i] = Integer.parseInt(args[i]);

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII));
    String line;
    while ((line = in.readLine()) != null) {
      byte[] key = hex(line.trim());
      int hash = Utils.murmur2(key);
      StringBuilder row = new StringBuilder().append(hash);
      for (int n : counts) {
        int partition = BuiltInPartitioner.partitionForKey(key, n);
        if (partition != Utils.toPositive(hash) % n) {
          System.err.println("partitionForKey disagrees with toPositive(murmur2) % n for " + line);
          System.exit(3);
        }
        row.append(' ').append(partition);
      }
      out.write(row.toString());
      out.newLine();
    }
    out.flush();
  }

  private static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    return b;
  }
}
