
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sms-bridge benchmark: load generator and loopback sinks in one JDK-only program.
 *
 * <pre>
 * java bench/Bench.java --leg outbound|inbound|callbacks|ceiling --mode open|closed
 *      [--rate 1000] [--conc 16] [--seconds 20] [--bridge http://127.0.0.1:18181] [--sink-port 18182]
 *      [--pid PID] [--label h2] [--out results.tsv] [--timeline accept-latencies.tsv] [--lead-in 0]
 *      [--per-minute per-minute.tsv]
 * </pre>
 *
 * Legs (what "completed" means):
 * <ul>
 * <li>outbound: POST /api/v1/messages accepted (202) -> the DIDWW request seen at the carrier sink</li>
 * <li>inbound: DIDWW webhook accepted (200) -> the platform {@code message} post seen at the sink</li>
 * <li>callbacks: messages are first sent (untimed), then DIDWW "Success" callbacks are the load:
 *     callback accepted (200) -> the platform {@code delivered} post seen at the sink</li>
 * <li>ceiling: GET /bench/ceiling, a bare platform-http route answering a constant</li>
 * </ul>
 * Open loop sends at a fixed rate and measures latency from each request's intended start (no
 * coordinated omission), after an unrecorded lead-in at the same rate when {@code --lead-in} is set;
 * closed loop keeps {@code conc} requests in flight. Prints one TSV row.
 */
public class Bench {

    static final String API_KEY = "bench-api-key-0000000001";
    static final String WEBHOOK = "/webhooks/bench-didww";
    static final String TOKEN = "bench-webhook-token-000001";
    static final String NUMBER = "19179050000";
    static final Pattern TAG = Pattern.compile("bench-[a-z0-9]+-\\d+");
    static final Pattern MESSAGE_ID = Pattern.compile("\"messageid\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    final Map<String, String> opts;
    final String bridge;
    final String leg;
    final String tag;
    final String bridgeHost;
    final int bridgePort;
    /** tag -> nanoTime the request was (meant to be) started */
    final Map<String, Long> started = new ConcurrentHashMap<>();
    /** tag (or bridge message id for callbacks) -> nanoTime seen at a sink; first sighting */
    final Map<String, Long> completed = new ConcurrentHashMap<>();
    final AtomicLong sinkHits = new AtomicLong();
    /** bridge message id -> tag (outbound accepted answers) */
    final Map<String, String> bridgeIds = new ConcurrentHashMap<>();
    final List<long[]> acceptLatencies = new ArrayList<>();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong seq = new AtomicLong();
    volatile boolean recordCallbacks;

    Bench(Map<String, String> opts) {
        this.opts = opts;
        this.bridge = opts.getOrDefault("bridge", "http://127.0.0.1:18181");
        this.leg = opts.getOrDefault("leg", "outbound");
        this.tag = "bench-" + Long.toString(System.currentTimeMillis() % 60466176L, 36) + leg.charAt(0);
        URI u = URI.create(bridge);
        this.bridgeHost = u.getHost() + ":" + u.getPort();
        this.bridgePort = u.getPort();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new Bench(opts).run();
        System.exit(0);
    }

    // ------------------------------------------------------------------ sinks

    /**
     * The carrier-API and platform sinks: a plain socket server, a thread per connection (the bridge
     * keeps a few dozen open). Not the JDK's HttpServer, which cost the shared cores more than the
     * bridge's work per request, and answered in two segments (Nagle: 40 ms per call).
     */
    java.net.ServerSocket startSinks(int port) throws IOException {
        java.net.ServerSocket server = new java.net.ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("127.0.0.1", port), 512);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    java.net.Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    Thread t = new Thread(() -> serve(s), "sink");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    void serve(java.net.Socket s) {
        try (s) {
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(s.getInputStream(), 16384);
            OutputStream out = s.getOutputStream();
            while (true) {
                String request = Conn.line(in);
                if (request.isEmpty()) {
                    continue;
                }
                int length = 0;
                for (String h = Conn.line(in); !h.isEmpty(); h = Conn.line(in)) {
                    int colon = h.indexOf(':');
                    if (h.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                        length = Integer.parseInt(h.substring(colon + 1).trim());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                String path = request.split(" ")[1];
                String answer;
                int status;
                if (path.startsWith("/didww/outbound_messages")) {
                    status = 201;
                    answer = carrier(body);
                } else if (path.startsWith("/platform")) {
                    status = 200;
                    answer = platform(body);
                } else {
                    status = 404;
                    answer = "{}";
                }
                byte[] b = answer.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + status + (status == 404 ? " Not Found" : " OK") + "\r\nContent-Type: "
                        + "application/json\r\nContent-Length: " + b.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(b);
                out.flush();
            }
        } catch (IOException e) {
            // the bridge closed the connection
        }
    }

    String carrier(String body) {
        long now = System.nanoTime();
        sinkHits.incrementAndGet();
        Matcher m = TAG.matcher(body);
        String t = m.find() ? m.group() : "x-" + seq.incrementAndGet();
        if (leg.equals("outbound") && started.containsKey(t)) {
            completed.putIfAbsent(t, now);
        }
        return "{\"data\":{\"type\":\"outbound_messages\",\"id\":\"" + t + "\"}}";
    }

    String platform(String body) {
        long now = System.nanoTime();
        sinkHits.incrementAndGet();
        if (leg.equals("inbound") && body.contains("\"method\":\"message\"")) {
            Matcher m = TAG.matcher(body);
            if (m.find() && started.containsKey(m.group())) {
                completed.putIfAbsent(m.group(), now);
            }
        } else if (recordCallbacks && body.contains("\"method\":\"delivered\"")) {
            Matcher m = MESSAGE_ID.matcher(body);
            if (m.find() && started.containsKey(m.group(1))) {
                completed.putIfAbsent(m.group(1), now);
            }
        }
        return "{}";
    }

    // ------------------------------------------------------------------ requests

    /** The n-th request of this leg, and the key its completion is recorded under. */
    record Req(byte[] request, String key) {
    }

    /** One HTTP/1.1 request as bytes (the bench's own client: see {@link Conn}). */
    byte[] http(String method, String path, String headers, String body) {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + bridgeHost + "\r\n" + headers
                + (body == null ? "" : "Content-Length: " + b.length + "\r\n") + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(h, h.length + b.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    Req request(long n) {
        String t = tag + "-" + n;
        String contact = String.format(Locale.ROOT, "1917555%04d", n % 10000);
        switch (leg) {
            case "outbound":
                return new Req(http("POST", "/api/v1/messages", "Content-Type: application/json\r\n"
                        + "Authorization: Bearer " + API_KEY + "\r\n", "{\"from\":\"+" + NUMBER + "\",\"to\":\"+" + contact
                        + "\",\"extension\":\"101\",\"domain\":\"bench.example\",\"content\":\"" + t + " hello\"}"), t);
            case "inbound":
                return new Req(http("POST", WEBHOOK, "Content-Type: application/json\r\nX-Webhook-Token: " + TOKEN
                        + "\r\n", "{\"uuid\":\"" + t + "\",\"from\":\"" + contact + "\",\"to\":\"" + NUMBER
                        + "\",\"text\":\"" + t + " hi\"}"), t);
            case "ceiling":
                return new Req(http("GET", "/bench/ceiling", "", null), t);
            default:
                throw new IllegalArgumentException("leg " + leg);
        }
    }

    /** A DIDWW Success callback for an accepted outbound message (carrier id = its tag). */
    Req callback(String bridgeId, String carrierId) {
        return new Req(http("POST", WEBHOOK, "Content-Type: application/json\r\nX-Webhook-Token: " + TOKEN + "\r\n",
                "{\"data\":{\"type\":\"outbound_message_callbacks\",\"id\":\"" + carrierId
                        + "\",\"attributes\":{\"status\":\"Success\",\"code_id\":null}}}"), bridgeId);
    }

    /**
     * Sends one request; records acceptance and its latency from {@code intended} (not for a lead-in
     * request, {@code latencies} null, whose completion the sinks do not record either).
     */
    void send(Req r, long intended, List<long[]> latencies) {
        boolean record = latencies != null;
        if (record) {
            started.put(r.key(), intended);
        }
        try {
            Conn conn = CONN.get();
            if (conn == null) {
                conn = new Conn(bridgePort);
                CONN.set(conn);
            }
            Resp resp;
            try {
                resp = conn.exchange(r.request());
            } catch (IOException e) {
                conn.close();
                CONN.remove();
                throw e;
            }
            long now = System.nanoTime();
            if (!record) {
                return;
            }
            if (resp.statusCode() / 100 == 2) {
                accepted.incrementAndGet();
                synchronized (latencies) {
                    latencies.add(new long[] {now - intended, intended});
                }
                if (leg.equals("outbound") || leg.equals("callbacks")) {
                    Matcher m = ID.matcher(resp.body());
                    if (m.find()) {
                        bridgeIds.put(m.group(1), r.key());
                    }
                }
            } else {
                errors.incrementAndGet();
            }
        } catch (Exception e) {
            if (record) {
                errors.incrementAndGet();
            }
        }
    }

    /**
     * Runs {@code make(i)} for {@code seconds}: open loop at {@code rate}/s, or closed with {@code conc}.
     * An open loop first sends {@code leadIn} seconds at the same rate, from the same threads and
     * connections, unrecorded, so that its window starts in the steady state and not with this JVM's
     * own cold start. {@code atWindow} runs when the window starts (on a thread of its own, so that a
     * slow sample does not hold back the requests).
     */
    void load(java.util.function.LongFunction<Req> make, boolean open, int rate, int conc, int seconds,
            long limit, int leadIn, Runnable atWindow) throws InterruptedException {
        long t0 = System.nanoTime();
        long window = t0 + (open ? TimeUnit.SECONDS.toNanos(leadIn) : 0);
        long end = window + TimeUnit.SECONDS.toNanos(seconds);
        Thread marker = new Thread(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(window - System.nanoTime());
            } catch (InterruptedException e) {
                return;
            }
            atWindow.run();
        }, "window-start");
        marker.start();
        if (open) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(conc, 64));
            long interval = 1_000_000_000L / rate;
            for (long i = 0; i < limit; i++) {
                long intended = t0 + i * interval;
                if (intended >= end) {
                    break;
                }
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long n = i;
                List<long[]> into = intended >= window ? acceptLatencies : null;
                pool.execute(() -> send(make.apply(n), intended, into));
            }
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } else {
            AtomicLong next = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < conc; c++) {
                Thread th = new Thread(() -> {
                    long i;
                    while (System.nanoTime() < end && (i = next.getAndIncrement()) < limit) {
                        send(make.apply(i), System.nanoTime(), acceptLatencies);
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join();
            }
        }
        marker.join();
    }

    /** The measured window's start and the bridge's counters then (set by {@link #load}'s marker). */
    volatile long windowStart;
    volatile Proc before;

    Runnable windowMarker(long pid) {
        return () -> {
            windowStart = System.nanoTime();
            before = sample(pid);
        };
    }

    // ------------------------------------------------------------------ one cell

    void run() throws Exception {
        boolean open = opts.getOrDefault("mode", "closed").equals("open");
        int rate = Integer.parseInt(opts.getOrDefault("rate", "1000"));
        int conc = Integer.parseInt(opts.getOrDefault("conc", "16"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        int leadIn = Integer.parseInt(opts.getOrDefault("lead-in", "0"));
        int sinkPort = Integer.parseInt(opts.getOrDefault("sink-port", "18182"));
        long pid = Long.parseLong(opts.getOrDefault("pid", "0"));
        java.net.ServerSocket sinks = startSinks(sinkPort);
        try {
            if (leg.equals("callbacks")) {
                // untimed set-up: messages the callbacks will be about, accepted by the carrier sink
                Bench sender = new Bench(withLeg(opts, "outbound"));
                // enough callbacks for the window: rate x seconds (open loop), 30,000 (closed loop; about
                // 15 s of sends first, untimed)
                long want = open ? (long) rate * (seconds + leadIn) : 30_000;
                sender.load(sender::request, false, 0, 16, 600, want, 0, () -> { });
                // wait until the carrier has answered all (the bridge stores the carrier id)
                Thread.sleep(2000);
                List<Map.Entry<String, String>> ids = new ArrayList<>(sender.bridgeIds.entrySet());
                recordCallbacks = true;
                load(i -> i < ids.size() ? callback(ids.get((int) i).getKey(), ids.get((int) i).getValue()) : null,
                        open, rate, conc, seconds, ids.size(), leadIn, windowMarker(pid));
                report(windowStart, before, pid, open, rate, conc);
                return;
            }
            load(this::request, open, rate, conc, seconds, Long.MAX_VALUE, leadIn, windowMarker(pid));
            report(windowStart, before, pid, open, rate, conc);
        } finally {
            sinks.close();
        }
    }

    static Map<String, String> withLeg(Map<String, String> opts, String leg) {
        Map<String, String> m = new HashMap<>(opts);
        m.put("leg", leg);
        return m;
    }

    void report(long t0, Proc before, long pid, boolean open, int rate, int conc) throws Exception {
        long t1 = System.nanoTime();
        Proc after = Proc.read(pid); // CPU only: the bytes are counted to the end of the drain
        double window = (t1 - t0) / 1e9;
        // bounded drain: until nothing new completes for 2 s (at most 60 s)
        long acc = accepted.get();
        if (!leg.equals("ceiling")) {
            long last = -1;
            long stableSince = System.nanoTime();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                long c = completed.size();
                if (c != last) {
                    last = c;
                    stableSince = System.nanoTime();
                } else if (c >= acc || System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(2)) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        long inWindow = completed.values().stream().filter(t -> t <= t1).count();
        long done = completed.size();
        long lastDone = completed.values().stream().mapToLong(Long::longValue).max().orElse(t1);
        long[] e2e = completed.entrySet().stream().filter(e -> started.containsKey(e.getKey()))
                .mapToLong(e -> e.getValue() - started.get(e.getKey())).sorted().toArray();
        long[] acceptLat = acceptLatencies.stream().mapToLong(a -> a[0]).sorted().toArray();
        writeTimeline(t0);
        writePerMinute(t0);
        Proc end = sample(pid);
        double cpu = pid == 0 ? 0 : (after.cpuTicks - before.cpuTicks) / Proc.HZ / window * 100;
        // storage writes from the window's start to the end of the drain, per message completed: on H2
        // this is the pages the database rewrites per message, a figure the VM's speed does not move
        String writeKb = pid == 0 || done == 0 || before.writeBytes < 0 || end.writeBytes < 0 ? "-"
                : fmt((end.writeBytes - before.writeBytes) / 1024.0 / done);
        String row = String.join("\t", opts.getOrDefault("label", "-"), leg, open ? "open" : "closed",
                open ? String.valueOf(rate) : "-", String.valueOf(conc), fmt(window),
                String.valueOf(acc), fmt(acc / window),
                leg.equals("ceiling") ? "-" : fmt(inWindow / window),
                leg.equals("ceiling") ? "-" : fmt(done / ((Math.max(lastDone, t1) - t0) / 1e9)),
                String.valueOf(errors.get()), leg.equals("ceiling") ? "-" : String.valueOf(Math.max(0, acc - done)),
                pct(acceptLat, 50), pct(acceptLat, 95), pct(acceptLat, 99),
                leg.equals("ceiling") ? "-" : pct(e2e, 50), leg.equals("ceiling") ? "-" : pct(e2e, 95),
                leg.equals("ceiling") ? "-" : pct(e2e, 99),
                pid == 0 ? "-" : fmt(cpu), pid == 0 ? "-" : String.valueOf(end.rssKb / 1024), writeKb);
        System.out.println(row);
        String out = opts.get("out");
        if (out != null) {
            Path p = Path.of(out);
            if (!Files.exists(p)) {
                Files.writeString(p, HEADER + "\n");
            }
            Files.writeString(p, row + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /**
     * With {@code --timeline FILE}: one line per accepted request, seconds since the window's start
     * (intended) and accept latency in ms, so a tail can be placed in time (start-up, GC, commits).
     */
    void writeTimeline(long t0) throws IOException {
        String file = opts.get("timeline");
        if (file == null) {
            return;
        }
        // the window's start as wall-clock time, to line the file up with the bridge's logs
        long startMs = System.currentTimeMillis() - (System.nanoTime() - t0) / 1_000_000;
        StringBuilder sb = new StringBuilder("# window start " + java.time.Instant.ofEpochMilli(startMs) + "\n");
        synchronized (acceptLatencies) {
            for (long[] a : acceptLatencies) {
                sb.append(String.format(Locale.ROOT, "%.4f\t%.2f%n", (a[1] - t0) / 1e9, a[0] / 1e6));
            }
        }
        Files.writeString(Path.of(file), sb);
    }

    /**
     * With {@code --per-minute FILE}: accept latency per minute of the window (by intended start), and
     * per second inside it, for runs long enough that a single p99 hides how the tail moves: the median
     * of the minute's per-second p99s, and how many of its seconds had a p99 within 25 ms.
     */
    void writePerMinute(long t0) throws IOException {
        String file = opts.get("per-minute");
        if (file == null) {
            return;
        }
        TreeMap<Integer, List<Long>> bySecond = new TreeMap<>();
        synchronized (acceptLatencies) {
            for (long[] a : acceptLatencies) {
                int second = (int) Math.max(0, (a[1] - t0) / 1_000_000_000L);
                bySecond.computeIfAbsent(second, k -> new ArrayList<>()).add(a[0]);
            }
        }
        StringBuilder sb = new StringBuilder("minute_start_s\tn\tp50_ms\tp99_ms\tmax_ms\tmedian_second_p99_ms\tseconds_p99_le_25ms\tseconds\n");
        int last = bySecond.isEmpty() ? -1 : bySecond.lastKey();
        for (int minute = 0; minute * 60 <= last; minute++) {
            appendSpan(sb, String.valueOf(minute * 60), bySecond.subMap(minute * 60, minute * 60 + 60));
        }
        appendSpan(sb, "all", bySecond);
        Files.writeString(Path.of(file), sb);
    }

    /** One row of {@link #writePerMinute}: the latencies of {@code seconds}, and their per-second p99s. */
    static void appendSpan(StringBuilder sb, String label, Map<Integer, List<Long>> seconds) {
        List<Long> all = new ArrayList<>();
        List<Long> secondP99s = new ArrayList<>();
        for (List<Long> one : seconds.values()) {
            all.addAll(one);
            secondP99s.add(pctNanos(one.stream().mapToLong(Long::longValue).sorted().toArray(), 99));
        }
        if (all.isEmpty()) {
            return;
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] p99s = secondP99s.stream().mapToLong(Long::longValue).sorted().toArray();
        long within = secondP99s.stream().filter(v -> v <= 25_000_000L).count();
        sb.append(label).append('\t').append(sorted.length).append('\t').append(pct(sorted, 50)).append('\t')
                .append(pct(sorted, 99)).append('\t').append(fmt(sorted[sorted.length - 1] / 1e6)).append('\t')
                .append(pct(p99s, 50)).append('\t').append(within).append('\t')
                .append(p99s.length).append('\n');
    }

    static final String HEADER = String.join("\t", "label", "leg", "mode", "rate", "conc", "window_s",
            "accepted", "accepted_per_s", "completed_in_window_per_s", "end_to_end_per_s", "errors", "not_completed",
            "accept_p50_ms", "accept_p95_ms", "accept_p99_ms", "e2e_p50_ms", "e2e_p95_ms", "e2e_p99_ms",
            "bridge_cpu_pct", "bridge_rss_mb", "write_kb_per_msg");

    static String pct(long[] sorted, int p) {
        return sorted.length == 0 ? "-" : fmt(pctNanos(sorted, p) / 1e6);
    }

    /** The p-th percentile (nearest rank) of a non-empty sorted array. */
    static long pctNanos(long[] sorted, int p) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)];
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, d >= 100 ? "%.0f" : "%.1f", d);
    }

    /**
     * The bridge's CPU and RSS; as bytes written, the bridge's own (H2 writes in its process) or what
     * {@code --writes-cmd} prints (run.sh passes PostgreSQL's WAL position: the server writes there).
     */
    Proc sample(long pid) {
        Proc p = Proc.read(pid);
        String cmd = opts.get("writes-cmd");
        return cmd == null ? p : new Proc(p.cpuTicks(), p.rssKb(), commandBytes(cmd));
    }

    /** The byte count a shell command prints; -1 if it fails or prints something else. */
    static long commandBytes(String cmd) {
        try {
            Process p = new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? new java.math.BigDecimal(out).longValue() : -1;
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return -1;
        }
    }

    /** CPU ticks, RSS and bytes written to storage (-1 if unreadable) of a process, from /proc. */
    record Proc(long cpuTicks, long rssKb, long writeBytes) {
        static final double HZ = 100.0;

        static Proc read(long pid) {
            if (pid == 0) {
                return new Proc(0, 0, -1);
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                        .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                        .findFirst().orElse(0);
                return new Proc(ticks, rss, writeBytes(pid));
            } catch (IOException e) {
                return new Proc(0, 0, -1);
            }
        }

        /** {@code write_bytes} of /proc/PID/io: readable for the bridge's own user or root. */
        static long writeBytes(long pid) {
            try {
                return Files.readAllLines(Path.of("/proc/" + pid + "/io")).stream()
                        .filter(l -> l.startsWith("write_bytes:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                        .findFirst().orElse(-1);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    // ------------------------------------------------------------------ the bench's HTTP client

    record Resp(int statusCode, String body) {
    }

    static final ThreadLocal<Conn> CONN = new ThreadLocal<>();

    /**
     * A keep-alive HTTP/1.1 connection of one generator thread. Not the JDK's HttpClient: that one
     * cost the shared two cores more CPU than the bridge's own work per request (it halved the
     * measured rates), where this is a blocking write and a read of the answer.
     */
    static final class Conn implements AutoCloseable {
        final java.net.Socket socket;
        final java.io.BufferedInputStream in;
        final OutputStream out;

        Conn(int port) throws IOException {
            socket = new java.net.Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16384);
            out = socket.getOutputStream();
        }

        Resp exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Integer.parseInt(h.substring(colon + 1).trim());
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = h.toLowerCase(Locale.ROOT).contains("chunked");
                }
            }
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                body.write(in.readNBytes(length));
            }
            return new Resp(code, body.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            return line(in);
        }

        static String line(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
