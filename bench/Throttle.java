import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How well a send rate holds: offers outbound messages faster than the rate set in the directory,
 * and counts what reaches the DIDWW sink over a window once the first message arrived.
 *
 * <pre>java bench/Throttle.java --offer 20 --window 30 [--bridge http://127.0.0.1:18181] [--sink-port 18182]</pre>
 * Prints one TSV row: offered/s, window s, arrived, observed/s over the window and after its first
 * second (which carries the burst), the first, slowest and fastest whole second, refused sends.
 */
public class Throttle {

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].substring(2), args[i + 1]);
        }
        String bridge = o.getOrDefault("bridge", "http://127.0.0.1:18181");
        int offer = Integer.parseInt(o.getOrDefault("offer", "20"));
        int window = Integer.parseInt(o.getOrDefault("window", "30"));
        ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
        AtomicLong ids = new AtomicLong();
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(o.getOrDefault("sink-port", "18182"))), 64);
        sink.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            boolean carrier = ex.getRequestURI().getPath().startsWith("/didww/outbound_messages");
            if (carrier) {
                arrivals.add(System.nanoTime());
            }
            byte[] b = (carrier ? "{\"data\":{\"type\":\"outbound_messages\",\"id\":\"t-" + ids.incrementAndGet() + "\"}}"
                    : "{}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(carrier ? 201 : 200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        sink.setExecutor(Executors.newFixedThreadPool(8));
        sink.start();

        HttpClient http = HttpClient.newHttpClient();
        ScheduledExecutorService load = Executors.newScheduledThreadPool(4);
        AtomicLong n = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        // offer for the window and a little more, so the outbox never runs dry inside the window
        long total = (long) offer * (window + 5);
        load.scheduleAtFixedRate(() -> {
            long i = n.incrementAndGet();
            if (i > total) {
                return;
            }
            String body = "{\"from\":\"+19179050000\",\"to\":\"+1917555" + String.format("%04d", i % 10000)
                    + "\",\"extension\":\"101\",\"domain\":\"bench.example\",\"content\":\"throttle " + i + "\"}";
            http.sendAsync(HttpRequest.newBuilder(URI.create(bridge + "/api/v1/messages"))
                    .header("Authorization", "Bearer bench-api-key-0000000001")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .thenAccept(r -> {
                        if (r.statusCode() != 202) {
                            refused.incrementAndGet();
                        }
                    });
        }, 0, 1_000_000 / offer, TimeUnit.MICROSECONDS);

        while (arrivals.isEmpty()) {
            Thread.sleep(10);
        }
        long first = arrivals.peek();
        long end = first + TimeUnit.SECONDS.toNanos(window);
        while (System.nanoTime() < end) {
            Thread.sleep(50);
        }
        load.shutdownNow();
        List<Long> in = arrivals.stream().filter(t -> t < end).toList();
        int[] perSecond = new int[window];
        for (long t : in) {
            perSecond[(int) ((t - first) / 1_000_000_000L)]++;
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int c : perSecond) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        // after the first second, which carries the burst
        int steady = in.size() - perSecond[0];
        System.out.printf("offered_per_s\twindow_s\tarrived\tobserved_per_s\tsteady_per_s\tfirst_second\tmin_second"
                + "\tmax_second\trefused%n");
        System.out.printf("%d\t%d\t%d\t%.2f\t%.2f\t%d\t%d\t%d\t%d%n", offer, window, in.size(),
                in.size() / (double) window, steady / (double) (window - 1), perSecond[0], min, max, refused.get());
        sink.stop(0);
        System.exit(0);
    }
}
