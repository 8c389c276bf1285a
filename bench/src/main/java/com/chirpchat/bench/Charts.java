package com.chirpchat.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG charts of results.md, drawn with XChart. */
final class Charts {
    private static final Color CHIRP = new Color(0x1f77b4);
    private static final Color BARE = new Color(0xff7f0e);

    private Charts() {
    }

    /** Writes every chart there is data for; returns their file names. A chart that fails is logged and left out. */
    static List<String> write(Results r, Path dir) {
        System.setProperty("java.awt.headless", "true");
        List<String> names = new ArrayList<>();
        for (String shape : r.ladders().keySet()) {
            String name = "fanout-latency-" + shape + ".png";
            attempt(names, name, () -> latency(r, shape, dir.resolve(name)) ? name : null);
        }
        if (!r.ladders().isEmpty()) {
            attempt(names, "fanout-max-rate.png", () -> save(maxRates(r), dir, "fanout-max-rate.png"));
            attempt(names, "throughput-vs-pgbench.png", () -> save(messageRates(r), dir, "throughput-vs-pgbench.png"));
        }
        if (!r.crossAll().isEmpty()) {
            attempt(names, "cross-instance-p99.png", () -> save(cross(r), dir, "cross-instance-p99.png"));
        }
        if (!r.endpoints().isEmpty() && r.http().values().stream().anyMatch(l -> !l.isEmpty())) {
            attempt(names, "http-throughput.png", () -> save(http(r, "requests/s", HttpBench.Run::requestsPerSec,
                                                                  "HTTP throughput (wrk -t1 -c32)", false), dir, "http-throughput.png"));
            attempt(names, "http-p99.png", () -> save(http(r, "p99 (ms)", HttpBench.Run::p99Ms,
                                                           "HTTP p99 latency at saturation (wrk -t1 -c32)", false), dir, "http-p99.png"));
        }
        if (r.idleNode() != null) {
            attempt(names, "idle-memory.png", () -> save(idle(r.idleNode()), dir, "idle-memory.png"));
        }
        return names;
    }

    private interface ChartJob {
        String run() throws IOException;
    }

    private static void attempt(List<String> names, String name, ChartJob job) {
        try {
            String written = job.run();
            if (written != null) {
                names.add(written);
            }
        } catch (IOException | RuntimeException e) {
            Log.info("chart " + name + " not written: " + e);
        }
    }

    private static String save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path dir, String name) throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        return name;
    }

    /** p50 and p99 vs rate for ChirpChat and bare (medians over repeats per rate), with the p99 limit. */
    private static boolean latency(Results r, String shape, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title("Fanout latency vs message rate, " + shape + " chats (intended send → receipt)")
                .xAxisTitle("messages per second (open loop)").yAxisTitle("latency (ms)").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true)
                .setLegendPosition(Styler.LegendPosition.InsideNW).setMarkerSize(7);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        boolean any = false;
        for (String target : List.of("chirpchat", "bare")) {
            Map<Double, List<Fanout.StepResult>> byRate = r.stepsByRate(shape, target);
            List<Double> x = new ArrayList<>();
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            byRate.forEach((rate, steps) -> {
                Stats a = Stats.of(steps.stream().map(Fanout.StepResult::p50).toList());
                Stats b = Stats.of(steps.stream().map(Fanout.StepResult::p99).toList());
                if (a.present() && b.present() && a.median() > 0 && b.median() > 0) {
                    x.add(rate);
                    p50.add(a.median());
                    p99.add(b.median());
                }
            });
            if (x.isEmpty()) {
                continue;
            }
            any = true;
            minX = Math.min(minX, x.get(0));
            maxX = Math.max(maxX, x.get(x.size() - 1));
            String label = target.equals("chirpchat") ? "ChirpChat" : "bare Helidon";
            Color color = target.equals("chirpchat") ? CHIRP : BARE;
            XYSeries s99 = chart.addSeries(label + " p99", x, p99);
            s99.setLineColor(color);
            s99.setMarkerColor(color);
            s99.setMarker(SeriesMarkers.CIRCLE);
            XYSeries s50 = chart.addSeries(label + " p50", x, p50);
            s50.setLineColor(color);
            s50.setMarkerColor(color);
            s50.setMarker(SeriesMarkers.DIAMOND);
            s50.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        if (!any) {
            return false;
        }
        XYSeries limit = chart.addSeries("p99 limit (100 ms)", new double[] {minX, maxX}, new double[] {100, 100});
        limit.setLineColor(Color.RED);
        limit.setMarker(SeriesMarkers.NONE);
        limit.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return true;
    }

    private static CategoryChart maxRates(Results r) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
                .title("Max deliveries/s with p99 < 100 ms (median over repeats)")
                .xAxisTitle("shape").yAxisTitle("deliveries per second").build();
        chart.getStyler().setDecimalPattern("#,##0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLabelsVisible(true);
        List<String> shapes = new ArrayList<>(r.ladders().keySet());
        for (String target : List.of("chirpchat", "bare")) {
            List<Double> y = new ArrayList<>();
            for (String shape : shapes) {
                Stats s = Stats.of(r.maxRates(shape, target));
                int perMessage = shape.equals("large") ? 1000 : 10;
                y.add(s.present() ? s.median() * perMessage : 0.0);
            }
            chart.addSeries(target.equals("chirpchat") ? "ChirpChat" : "bare Helidon", shapes, y)
                    .setFillColor(target.equals("chirpchat") ? CHIRP : BARE);
        }
        return chart;
    }

    /** Messages per second at p99 < 100 ms: ChirpChat and bare per shape, and pgbench's post and batch transactions. */
    private static CategoryChart messageRates(Results r) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520)
                .title("Messages/s at p99 < 100 ms: ChirpChat, bare Helidon, pgbench (median over repeats)")
                .xAxisTitle("").yAxisTitle("messages per second").build();
        chart.getStyler().setDecimalPattern("#,##0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLabelsVisible(true);
        List<String> categories = new ArrayList<>();
        for (String shape : r.ladders().keySet()) {
            categories.add(shape.equals("large") ? "one chat of 1,000" : shape + " chats");
        }
        categories.add("pgbench");
        for (String target : List.of("chirpchat", "bare")) {
            List<Double> y = new ArrayList<>();
            for (String shape : r.ladders().keySet()) {
                Stats s = Stats.of(r.maxRates(shape, target));
                y.add(s.present() ? s.median() : 0.0);
            }
            y.add(0.0);
            chart.addSeries(target.equals("chirpchat") ? "ChirpChat" : "bare Helidon", categories, y)
                    .setFillColor(target.equals("chirpchat") ? CHIRP : BARE);
        }
        for (String script : List.of("post", "batch")) {
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < categories.size() - 1; i++) {
                y.add(0.0);
            }
            Stats s = r.pgbenchRate(script);
            y.add(s.present() ? s.median() : 0.0);
            chart.addSeries(script.equals("post") ? "pgbench, one post per transaction"
                                    : "pgbench, " + PgBench.BATCH + " posts per transaction", categories, y);
        }
        return chart;
    }

    private static CategoryChart cross(Results r) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
                .title("p99 at half of ChirpChat's max rate: one instance, two via Redis, raw Redis loop")
                .xAxisTitle("shape").yAxisTitle("p99 (ms)").build();
        chart.getStyler().setDecimalPattern("#,##0.#");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLabelsVisible(true);
        List<String> shapes = new ArrayList<>(r.crossAll().keySet());
        for (String[] t : new String[][] {{"chirpchat", "one instance"}, {"cross", "two instances via Redis"},
                                          {"cross-spread", "two instances, one core each"}, {"redis", "Redis pub/sub loop"}}) {
            List<Double> y = new ArrayList<>();
            for (String shape : shapes) {
                Stats s = Results.stat(r.cross(shape), t[0], Fanout.StepResult::p99);
                y.add(s.present() ? s.median() : 0.0);
            }
            chart.addSeries(t[1], shapes, y);
        }
        return chart;
    }

    private static CategoryChart http(Results r, String unit, ToDoubleFunction<HttpBench.Run> f, String title,
                                      boolean logarithmic) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("endpoint").yAxisTitle(unit + (logarithmic ? ", log scale" : "")).build();
        chart.getStyler().setDecimalPattern("#,##0.#");
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        List<String> names = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (HttpBench.Endpoint e : r.endpoints()) {
            Stats s = Stats.of(r.httpOf(e.key()).stream().map(x -> f.applyAsDouble(x)).toList());
            names.add(e.key());
            y.add(s.present() ? s.median() : 0.0);
        }
        if (!names.isEmpty()) {
            chart.addSeries(unit, names, y).setFillColor(CHIRP);
        }
        return chart;
    }

    private static CategoryChart idle(ObjectNode idle) {
        CategoryChart chart = new CategoryChartBuilder().width(700).height(450)
                .title("Memory per idle WebSocket (" + idle.path("reached").asInt() + " connections, after GC)")
                .xAxisTitle("").yAxisTitle("KB per connection").build();
        chart.getStyler().setDecimalPattern("#,##0.0");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.addSeries("KB", List.of("resident (RSS)", "live heap", "target"),
                        List.of(idle.path("rssKibPerConnection").asDouble() * 1.024,
                                idle.path("heapKibPerConnection").asDouble() * 1.024, Results.TARGET_KB))
                .setFillColor(CHIRP);
        return chart;
    }
}
